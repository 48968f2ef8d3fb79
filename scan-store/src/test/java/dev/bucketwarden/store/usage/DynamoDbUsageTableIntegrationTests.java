package dev.bucketwarden.store.usage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.aws.DynamoDbTables;
import dev.bucketwarden.local.dynamodb.DynamoDbLocalServer;
import dev.bucketwarden.local.junit.DynamoDbLocalExtension;
import dev.bucketwarden.store.results.DynamoDbResultStore;
import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.tags.TaggingStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Roll-ups beside scan records in one results table: each reader sees only its own items,
 * and a period reads the hours that start in it.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class DynamoDbUsageTableIntegrationTests {

	private static final Instant HOUR = Instant.parse("2026-12-05T23:00:00Z");

	@Test
	void shouldKeepRollupsApartFromScanRecords(DynamoDbLocalServer server) {
		DynamoDbClient dynamo = AwsClients.dynamoDb(server);
		DynamoDbTables.createAndAwaitActive(dynamo, DynamoDbResultStore.tableDefinition("usage-results"),
				Duration.ofSeconds(30));
		DynamoDbResultStore results = new DynamoDbResultStore(dynamo, "usage-results");
		DynamoDbUsageTable usage = new DynamoDbUsageTable(dynamo, "usage-results");
		ScanRecord record = new ScanRecord("id", "uploads", "a.txt", null, "e", 10, ResultStatus.CLEAN, null, null,
				List.of(), List.of(), HOUR.plusSeconds(60), Duration.ofMillis(5), TaggingStatus.TAGGED,
				RemediationState.NONE, null, true, ScanSource.EVENT);
		results.put(record);
		UsageRollup late = new UsageRollup("event-agent/1", "event-agent", HOUR, Duration.ofMinutes(42), 1, 2,
				Map.of("uploads", Map.of("S3:GetObject", 3L), UsageRollup.SHARED, Map.of("DynamoDb:PutItem", 2L)));
		UsageRollup next = new UsageRollup("event-agent/1", "event-agent", HOUR.plus(Duration.ofHours(1)),
				Duration.ofHours(1), 1, 2, Map.of());
		usage.put(late);
		usage.put(next);

		assertThat(results.scan(100)).containsExactly(record);
		assertThat(usage.read(HOUR, HOUR.plus(Duration.ofHours(2)))).containsExactlyInAnyOrder(late, next);
		assertThat(usage.read(HOUR.plus(Duration.ofHours(1)), HOUR.plus(Duration.ofDays(1)))).containsExactly(next);
		assertThat(usage.read(HOUR.minus(Duration.ofDays(1)), HOUR)).isEmpty();
	}

}
