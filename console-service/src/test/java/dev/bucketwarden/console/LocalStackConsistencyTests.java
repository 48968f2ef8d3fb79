package dev.bucketwarden.console;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.local.LocalResources;
import dev.bucketwarden.store.settings.DynamoDbSettingsTable;

import static org.assertj.core.api.Assertions.assertThat;

/** The local stack creates the settings table as agent-core defines it. */
class LocalStackConsistencyTests {

	@Test
	void shouldCreateTheSettingsTableAsAgentCoreDefinesIt() {
		assertThat(LocalResources.settingsTable())
			.isEqualTo(DynamoDbSettingsTable.tableDefinition(LocalResources.settingsTable().tableName()));
	}

}
