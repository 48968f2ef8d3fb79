package dev.bucketwarden.eventagent;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.local.LocalResources;
import dev.bucketwarden.store.results.DynamoDbResultStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local stack creates the results table itself (it cannot depend on agent-core): same
 * table.
 */
class LocalStackConsistencyTests {

	@Test
	void shouldCreateTheResultsTableAsTheResultStoreDefinesIt() {
		assertThat(LocalResources.resultsTable())
			.isEqualTo(DynamoDbResultStore.tableDefinition(LocalResources.resultsTable().tableName()));
	}

}
