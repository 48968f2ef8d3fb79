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
import dev.bucketwarden.local.faults.FaultKind;
import dev.bucketwarden.local.faults.FaultProxy;
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

	private String table;

	@BeforeEach
	void createTable(DynamoDbLocalServer server) {
		DynamoDbClient dynamo = AwsClients.dynamoDb(server);
		this.table = "results-" + (++tables);
		DynamoDbTables.createAndAwaitActive(dynamo, DynamoDbResultStore.tableDefinition(this.table),
				Duration.ofSeconds(30));
		this.results = new DynamoDbResultStore(dynamo, this.table);
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
	void shouldTakeItsOwnWriteForCreatedWhenTheAnswerWasLost(DynamoDbLocalServer server) {
		// Found by the chaos run: DynamoDB wrote the record, its answer was held past the
		// attempt timeout, and the SDK's retry failed the condition on that very record.
		ScanRecord clean = record(ResultStatus.CLEAN);
		try (FaultProxy proxy = FaultProxy.start("dynamodb", server.endpoint(), Duration.ofSeconds(4), null);
				DynamoDbClient proxied = AwsClients.dynamoDbBuilder(proxy.endpoint())
					.overrideConfiguration((config) -> config.apiCallAttemptTimeout(Duration.ofSeconds(1)))
					.build()) {
			proxy.arm("dynamodb:PutItem", FaultKind.DELAY_PAST_TIMEOUT, 1);

			assertThat(new DynamoDbResultStore(proxied, this.table).create(clean, null)).isEmpty();

			assertThat(proxy.injected()).hasSize(1);
		}
		assertThat(this.results.find("b", "k", "v1", "e")).contains(clean);
		assertThat(this.results.create(record(ResultStatus.CLEAN), null)).as("another scan's record still stands")
			.contains(clean);
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

	@Test
	void shouldRecordTheWritersRegionUnlessTheRecordNamesOne(DynamoDbLocalServer server) {
		DynamoDbResultStore west = new DynamoDbResultStore(AwsClients.dynamoDb(server), this.table, "us-west-2");
		ScanRecord unnamed = record(ResultStatus.CLEAN);
		west.create(unnamed, null);
		ScanRecord named = new ScanRecord(UUID.randomUUID().toString(), "b", "other", "v1", "e", 1, ResultStatus.CLEAN,
				null, null, List.of(), List.of(), Instant.parse("2026-12-01T00:00:00Z"), Duration.ZERO,
				TaggingStatus.TAGGED, RemediationState.NONE, null, false, ScanSource.EVENT)
			.withRegion("eu-west-1");
		west.create(named, null);

		assertThat(this.results.find("b", "k", "v1", "e")).map(ScanRecord::region).contains("us-west-2");
		assertThat(this.results.find("b", "other", "v1", "e")).map(ScanRecord::region).contains("eu-west-1");
	}

	private static ScanRecord record(ResultStatus status) {
		return new ScanRecord(UUID.randomUUID().toString(), "b", "k", "v1", "e", 1, status, null, null, List.of(),
				List.of(), Instant.parse("2026-12-01T00:00:00Z"), Duration.ZERO, TaggingStatus.TAGGED,
				RemediationState.NONE, null, false, ScanSource.EVENT);
	}

}
