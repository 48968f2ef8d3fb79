package dev.bucketwarden.eventagent;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.local.LocalResources;
import dev.bucketwarden.local.aws.DynamoDbTables;
import dev.bucketwarden.store.settings.DynamoDbSettingsTable;
import dev.bucketwarden.store.settings.Remediation;
import dev.bucketwarden.store.settings.StoredBucket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local stack protects its demo bucket by writing the settings table's item itself
 * (it cannot depend on agent-core): agent-core reads it as a protected bucket that
 * quarantines.
 */
class LocalStackProtectionTests {

	@Test
	void shouldProtectTheDemoBucketAsTheConsoleWould() {
		TestStack stack = TestStack.get();
		DynamoDbTables.createAndAwaitActive(stack.dynamo, DynamoDbSettingsTable.tableDefinition("local-settings"),
				Duration.ofSeconds(30));
		stack.dynamo
			.putItem((request) -> request.tableName("local-settings").item(LocalResources.protectedBucketSettings()));

		StoredBucket bucket = new DynamoDbSettingsTable(stack.dynamo, "local-settings").buckets().getFirst();

		assertThat(bucket.bucket()).isEqualTo("demo-uploads");
		assertThat(bucket.settings().remediation()).isEqualTo(Remediation.QUARANTINE);
		assertThat(bucket.settings().quarantineBucket()).isEqualTo("demo-quarantine");
	}

}
