package dev.bucketwarden.agent.usage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.aws.DynamoDbTables;
import dev.bucketwarden.local.dynamodb.DynamoDbLocalServer;
import dev.bucketwarden.local.faults.FaultKind;
import dev.bucketwarden.local.faults.FaultProxy;
import dev.bucketwarden.local.junit.DynamoDbLocalExtension;
import dev.bucketwarden.store.results.DynamoDbResultStore;
import dev.bucketwarden.store.usage.DynamoDbUsageTable;
import dev.bucketwarden.store.usage.UsageRollup;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The usage roll-ups against DynamoDB Local: totals are written absolute, so a repeated
 * flush, a lost answer (DynamoDB wrote, the client saw a reset and retried) and a restart
 * never count a request twice; an hour is written until it has settled, with the
 * instance's running time in it.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class UsageRollupWriterIntegrationTests {

	private static final Instant START = Instant.parse("2026-12-06T10:30:00Z");

	private final AtomicReference<Instant> now = new AtomicReference<>(START);

	private final Clock clock = new Clock() {

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return UsageRollupWriterIntegrationTests.this.now.get();
		}

	};

	@Test
	void shouldWriteAbsoluteTotalsSoARepeatedFlushDoesNotAddThemAgain(DynamoDbLocalServer server) {
		try (DynamoDbClient dynamo = AwsClients.dynamoDb(server)) {
			DynamoDbUsageTable table = table(dynamo);
			UsageCounter counter = new UsageCounter(this.clock);
			UsageRollupWriter writer = writer(counter, table);
			counter.count("uploads", "S3:GetObject");
			counter.count("uploads", "S3:GetObject");
			counter.count(UsageRollup.SHARED, "Sqs:ReceiveMessage");

			assertThat(writer.flush()).isTrue();
			assertThat(writer.flush()).isTrue();
			counter.count("uploads", "S3:PutObjectTagging");
			assertThat(writer.flush()).isTrue();

			UsageRollup rollup = table.read(hour(10), hour(11)).getFirst();
			assertThat(rollup.requests())
				.isEqualTo(Map.of("uploads", Map.of("S3:GetObject", 2L, "S3:PutObjectTagging", 1L), UsageRollup.SHARED,
						Map.of("Sqs:ReceiveMessage", 1L)));
			assertThat(rollup.agent()).isEqualTo(writer.agent());
			assertThat(rollup.service()).isEqualTo("event-agent");
			assertThat(rollup.vcpu()).isEqualTo(1.0);
			assertThat(rollup.memoryGb()).isEqualTo(2.0);
		}
	}

	@Test
	void shouldNotDoubleCountWhenTheAnswerToAWriteIsLost(DynamoDbLocalServer server) {
		try (DynamoDbClient direct = AwsClients.dynamoDb(server);
				FaultProxy proxy = FaultProxy.start("dynamodb", server.endpoint(), Duration.ofSeconds(1), null);
				DynamoDbClient dynamo = AwsClients.dynamoDbBuilder(proxy.endpoint()).build()) {
			DynamoDbUsageTable table = table(direct);
			DynamoDbUsageTable throughProxy = new DynamoDbUsageTable(dynamo, this.tableName);
			UsageCounter counter = new UsageCounter(this.clock);
			UsageRollupWriter writer = writer(counter, throughProxy);
			for (int i = 0; i < 5; i++) {
				counter.count("uploads", "S3:GetObject");
			}
			proxy.arm("dynamodb:PutItem", FaultKind.RESET_MID_BODY, 1);

			boolean first = writer.flush();
			// Whether the SDK's retry or the next flush writes it again, the item holds
			// the totals once.
			writer.flush();

			assertThat(proxy.injected()).hasSize(1);
			assertThat(proxy.requests("dynamodb:PutItem")).isGreaterThanOrEqualTo(first ? 3 : 2);
			assertThat(table.read(hour(10), hour(11))).singleElement()
				.satisfies((rollup) -> assertThat(rollup.requests())
					.isEqualTo(Map.of("uploads", Map.of("S3:GetObject", 5L))));
		}
	}

	@Test
	void shouldKeepEachInstancesTotalsApartAcrossARestart(DynamoDbLocalServer server) {
		try (DynamoDbClient dynamo = AwsClients.dynamoDb(server)) {
			DynamoDbUsageTable table = table(dynamo);
			UsageCounter before = new UsageCounter(this.clock);
			UsageRollupWriter first = writer(before, table);
			first.start();
			for (int i = 0; i < 4; i++) {
				before.count("uploads", "S3:GetObject");
			}
			this.now.set(START.plus(Duration.ofMinutes(10)));
			// the shutdown's flush writes what the timer had not yet
			first.stop();

			UsageCounter after = new UsageCounter(this.clock);
			UsageRollupWriter second = writer(after, table);
			after.count("uploads", "S3:GetObject");
			this.now.set(START.plus(Duration.ofMinutes(20)));
			second.flush();

			List<UsageRollup> rollups = table.read(hour(10), hour(11));
			assertThat(rollups).hasSize(2);
			assertThat(rollups.stream().mapToLong(UsageRollup::totalRequests).sum()).isEqualTo(5);
			assertThat(rollups.stream().map(UsageRollup::running).toList())
				.containsExactlyInAnyOrder(Duration.ofMinutes(10), Duration.ofMinutes(10));
		}
	}

	@Test
	void shouldWriteAnHourUntilItSettledWithTheRunningTimeInIt(DynamoDbLocalServer server) {
		try (DynamoDbClient dynamo = AwsClients.dynamoDb(server)) {
			DynamoDbUsageTable table = table(dynamo);
			UsageCounter counter = new UsageCounter(this.clock);
			UsageRollupWriter writer = writer(counter, table);
			counter.count("uploads", "S3:GetObject");
			this.now.set(Instant.parse("2026-12-06T10:59:00Z"));
			writer.flush();
			assertThat(table.read(hour(10), hour(11)).getFirst().running()).isEqualTo(Duration.ofMinutes(29));

			this.now.set(Instant.parse("2026-12-06T11:02:00Z"));
			counter.count("uploads", "S3:GetObject");
			writer.flush();
			this.now.set(Instant.parse("2026-12-06T11:06:00Z"));
			writer.flush();
			// a request of 10:xx counted late, after the hour settled: the item stands
			this.now.set(Instant.parse("2026-12-06T10:59:59Z"));
			counter.count("late", "S3:GetObject");
			this.now.set(Instant.parse("2026-12-06T12:30:00Z"));
			writer.flush();

			List<UsageRollup> rollups = table.read(hour(10), hour(13));
			assertThat(rollups).extracting(UsageRollup::hour).containsExactly(hour(10), hour(11), hour(12));
			assertThat(rollups.get(0).running()).isEqualTo(Duration.ofMinutes(30));
			assertThat(rollups.get(0).requests()).isEqualTo(Map.of("uploads", Map.of("S3:GetObject", 1L)));
			assertThat(rollups.get(1).running()).isEqualTo(Duration.ofHours(1));
			assertThat(rollups.get(1).requests()).isEqualTo(Map.of("uploads", Map.of("S3:GetObject", 1L)));
			assertThat(rollups.get(2).running()).isEqualTo(Duration.ofMinutes(30));
			assertThat(counter.hours()).doesNotContain(hour(10), hour(11));
		}
	}

	private final String tableName = "results-" + UUID.randomUUID();

	private DynamoDbUsageTable table(DynamoDbClient dynamo) {
		DynamoDbTables.createAndAwaitActive(dynamo, DynamoDbResultStore.tableDefinition(this.tableName),
				Duration.ofSeconds(30));
		return new DynamoDbUsageTable(dynamo, this.tableName);
	}

	private UsageRollupWriter writer(UsageCounter counter, DynamoDbUsageTable table) {
		return new UsageRollupWriter(counter, table, this.clock, "event-agent", 1.0, 2.0, Duration.ofMinutes(1));
	}

	private static Instant hour(int hour) {
		return Instant.parse("2026-12-06T00:00:00Z").plus(Duration.ofHours(hour));
	}

}
