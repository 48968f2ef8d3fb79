package dev.bucketwarden.jobs.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import dev.bucketwarden.jobs.Rescan;
import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.aws.DynamoDbTables;
import dev.bucketwarden.local.dynamodb.DynamoDbLocalServer;
import dev.bucketwarden.local.junit.DynamoDbLocalExtension;
import dev.bucketwarden.local.time.TestClock;
import dev.bucketwarden.store.settings.DynamoDbSettingsTable;
import dev.bucketwarden.store.settings.VersionedCache;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schedules in the settings table on DynamoDB Local: every field round-trips, every write
 * moves the change counter, and a reader through {@link VersionedCache} sees a change
 * once its refresh interval has passed (a test clock), not before.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class ScheduleStoreIntegrationTests {

	private static int tables;

	private final TestClock clock = TestClock.at(Instant.parse("2026-11-27T10:00:00Z"));

	private DynamoDbSettingsTable table;

	private ScheduleStore schedules;

	@BeforeEach
	void createTable(DynamoDbLocalServer server) {
		DynamoDbClient dynamo = AwsClients.dynamoDb(server);
		String name = "schedules-" + (++tables);
		DynamoDbTables.createAndAwaitActive(dynamo, DynamoDbSettingsTable.tableDefinition(name),
				Duration.ofSeconds(30));
		this.table = new DynamoDbSettingsTable(dynamo, name);
		this.schedules = new ScheduleStore(this.table);
	}

	@Test
	void shouldRoundTripEveryField() {
		StoredSchedule buckets = new StoredSchedule("weekly-full", "0 0 3 * * SUN", true, List.of("photos", "docs"),
				"2026/", Duration.ofDays(30), true, Rescan.Mode.SIGNATURES_BEFORE, null, Duration.ofDays(7), null, null,
				Instant.parse("2026-11-27T09:00:00Z"), "admin");
		StoredSchedule volume = new StoredSchedule("efs", "0 30 1 * * *", false, List.of(), null, null, false,
				Rescan.Mode.SIGNATURES_BEFORE, Instant.parse("2026-11-01T00:00:00Z"), null, "/mnt/efs",
				"/mnt/quarantine", Instant.parse("2026-11-27T09:30:00Z"), "other-admin");

		StoredSchedule ebs = StoredSchedule.ebsVolume("ebs-nightly", "0 0 4 * * *", true, "vol-0abc", null,
				Instant.parse("2026-11-27T09:45:00Z"), "admin");
		StoredSchedule west = schedule("west", true).inRegion("us-west-2");
		this.schedules.put(buckets);
		this.schedules.put(volume);
		this.schedules.put(ebs);
		this.schedules.put(west);

		assertThat(this.schedules.find("weekly-full")).contains(buckets);
		assertThat(this.schedules.find("efs")).contains(volume);
		assertThat(this.schedules.find("ebs-nightly")).contains(ebs);
		assertThat(this.schedules.find("ebs-nightly").orElseThrow().schedule().ebsVolume()).isEqualTo("vol-0abc");
		assertThat(this.schedules.find("west").orElseThrow().schedule().region()).isEqualTo("us-west-2");
		assertThat(this.schedules.find("weekly-full").orElseThrow().schedule().region()).isNull();
		assertThat(this.schedules.find("other")).isEmpty();
		assertThat(this.schedules.list()).containsExactly(ebs, volume, buckets, west);
		assertThat(this.table.buckets()).as("its own key space").isEmpty();
	}

	@Test
	void shouldMoveTheChangeCounterOnEveryWrite() {
		long before = this.table.version();
		long saved = this.schedules.put(schedule("nightly", true));
		assertThat(saved).isGreaterThan(before);
		assertThat(this.schedules.delete("nightly")).isTrue();
		assertThat(this.table.version()).isGreaterThan(saved);
		long deleted = this.table.version();
		assertThat(this.schedules.delete("nightly")).as("nothing left to delete").isFalse();
		assertThat(this.table.version()).isEqualTo(deleted);
	}

	@Test
	void shouldReachAReaderWithinItsRefreshInterval() {
		VersionedCache<List<StoredSchedule>> reader = new VersionedCache<>("schedules", this.schedules::version,
				(previous) -> this.schedules.list(), Duration.ofSeconds(30), this.clock);
		assertThat(reader.get()).isEmpty();

		this.schedules.put(schedule("nightly", true));
		this.clock.set(this.clock.instant().plusSeconds(29));
		assertThat(reader.get()).as("cached until the interval passes").isEmpty();
		this.clock.set(this.clock.instant().plusSeconds(1));
		assertThat(reader.get()).extracting(StoredSchedule::name).containsExactly("nightly");

		this.schedules.put(schedule("nightly", false));
		this.clock.set(this.clock.instant().plusSeconds(30));
		assertThat(reader.get()).singleElement().satisfies((s) -> assertThat(s.enabled()).isFalse());

		this.schedules.delete("nightly");
		this.clock.set(this.clock.instant().plusSeconds(30));
		assertThat(reader.get()).isEmpty();
	}

	@Test
	void shouldLeaveOutAnItemThatIsNoLongerAValidSchedule() {
		this.schedules.put(schedule("good", true));
		Map<String, AttributeValue> bad = new HashMap<>(ScheduleStore.toItem(schedule("bad", true)));
		bad.put("cron", AttributeValue.fromS("every day"));
		this.table.client().putItem((request) -> request.tableName(this.table.name()).item(bad));

		assertThat(this.schedules.list()).extracting(StoredSchedule::name).containsExactly("good");
	}

	private static StoredSchedule schedule(String name, boolean enabled) {
		return new StoredSchedule(name, "0 0 2 * * *", enabled, List.of("uploads"), null, null, false,
				Rescan.Mode.ALWAYS, null, null, null, null, Instant.parse("2026-11-27T09:00:00Z"), "admin");
	}

}
