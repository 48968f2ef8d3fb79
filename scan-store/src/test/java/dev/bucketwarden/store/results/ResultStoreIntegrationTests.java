package dev.bucketwarden.store.results;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.aws.DynamoDbTables;
import dev.bucketwarden.local.dynamodb.DynamoDbLocalServer;
import dev.bucketwarden.local.junit.DynamoDbLocalExtension;
import dev.bucketwarden.store.tags.TaggingStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The results table's rules against DynamoDB Local: a final verdict is never replaced by
 * a weaker record, and of two new records for one version the first stands.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class ResultStoreIntegrationTests {

	private static int tables;

	private DynamoDbResultStore results;

	@BeforeEach
	void createTable(DynamoDbLocalServer server) {
		DynamoDbClient dynamo = AwsClients.dynamoDb(server);
		String name = "results-" + (++tables);
		DynamoDbTables.createAndAwaitActive(dynamo, DynamoDbResultStore.tableDefinition(name), Duration.ofSeconds(30));
		this.results = new DynamoDbResultStore(dynamo, name);
	}

	@Test
	void shouldNeverReplaceAFinalVerdictWithASkipOrAnError() {
		ScanRecord infected = record(ResultStatus.INFECTED);
		assertThat(this.results.create(infected, null)).isEmpty();

		assertThat(this.results.create(record(ResultStatus.SKIPPED), null)).contains(infected);
		assertThat(this.results.create(record(ResultStatus.ERROR), null)).contains(infected);
		assertThat(this.results.find("b", "k", "v1", "e")).contains(infected);
	}

	@Test
	void shouldLetTheFirstOfTwoNewVerdictsStand() {
		ScanRecord first = record(ResultStatus.INFECTED);
		ScanRecord second = record(ResultStatus.INFECTED);

		assertThat(this.results.create(first, null)).isEmpty();
		assertThat(this.results.create(second, null)).contains(first);
		assertThat(this.results.update(second.withPublished())).isFalse();
		assertThat(this.results.update(first.withPublished())).isTrue();
		assertThat(this.results.find("b", "k", "v1", "e")).contains(first.withPublished());
	}

	@Test
	void shouldLetAVerdictReplaceAnErrorAndARescanReplaceTheRecordItWasDecidedOn() {
		ScanRecord error = record(ResultStatus.ERROR);
		ScanRecord clean = record(ResultStatus.CLEAN);
		ScanRecord rescan = record(ResultStatus.INFECTED);

		assertThat(this.results.create(error, null)).isEmpty();
		assertThat(this.results.create(clean, null)).isEmpty();
		assertThat(this.results.create(rescan, "another-id")).contains(clean);
		assertThat(this.results.create(rescan, clean.id())).isEmpty();
		assertThat(this.results.find("b", "k", "v1", "e")).contains(rescan);
	}

	@Test
	void shouldKeepTheTagsThatDidNotFit() {
		ScanRecord partial = new ScanRecord(UUID.randomUUID().toString(), "b", "k", "v1", "e", 1, ResultStatus.INFECTED,
				null, null, List.of("x"), List.of(), Instant.parse("2026-12-01T00:00:00Z"), Duration.ZERO,
				TaggingStatus.PARTIAL, RemediationState.KEPT, null, false, ScanSource.EVENT,
				List.of("virus-name", "scan-date"));

		this.results.create(partial, null);

		assertThat(this.results.find("b", "k", "v1", "e").orElseThrow().droppedTags()).containsExactly("virus-name",
				"scan-date");
	}

	private static ScanRecord record(ResultStatus status) {
		return new ScanRecord(UUID.randomUUID().toString(), "b", "k", "v1", "e", 1, status, null, null, List.of(),
				List.of(), Instant.parse("2026-12-01T00:00:00Z"), Duration.ZERO, TaggingStatus.TAGGED,
				RemediationState.NONE, null, false, ScanSource.EVENT);
	}

}
