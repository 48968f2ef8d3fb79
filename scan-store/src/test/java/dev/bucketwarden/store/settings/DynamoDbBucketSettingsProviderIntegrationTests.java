package dev.bucketwarden.store.settings;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.aws.DynamoDbTables;
import dev.bucketwarden.local.dynamodb.DynamoDbLocalServer;
import dev.bucketwarden.local.junit.DynamoDbLocalExtension;
import dev.bucketwarden.local.time.TestClock;
import dev.bucketwarden.store.StoreException;
import dev.bucketwarden.store.tags.TagSchema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The settings client against DynamoDB Local: a change made through the table reaches a
 * provider only once its refresh interval has passed (driven by a test clock), and then
 * without a restart.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class DynamoDbBucketSettingsProviderIntegrationTests {

	private static int tables;

	private final TestClock clock = TestClock.at(Instant.parse("2026-01-01T00:00:00Z"));

	private DynamoDbSettingsTable table;

	private DynamoDbBucketSettingsProvider provider;

	@BeforeEach
	void createTable(DynamoDbLocalServer server) {
		DynamoDbClient dynamo = AwsClients.dynamoDb(server);
		String name = "settings-" + (++tables);
		DynamoDbTables.createAndAwaitActive(dynamo, DynamoDbSettingsTable.tableDefinition(name),
				Duration.ofSeconds(30));
		this.table = new DynamoDbSettingsTable(dynamo, name);
		this.provider = new DynamoDbBucketSettingsProvider(this.table, BucketSettings.quarantineTo("default-q"),
				Duration.ofSeconds(30), this.clock);
	}

	@Test
	void shouldServeDefaultsForBucketsTheTableDoesNotList() {
		assertThat(this.provider.forBucket("other").remediation()).isEqualTo(Remediation.QUARANTINE);
		assertThat(this.provider.rulesFor("other")).isEqualTo(BucketRules.NONE);
		assertThat(this.provider.version()).isZero();
	}

	@Test
	void shouldPickUpAChangeWithinTheRefreshInterval() {
		assertThat(this.provider.forBucket("uploads").tagSchema()).isEqualTo(TagSchema.DEFAULT);
		long version = this.table.put(stored("uploads", TagSchema.GUARDDUTY));

		this.clock.set(this.clock.instant().plusSeconds(29));
		assertThat(this.provider.forBucket("uploads").tagSchema()).as("cached until the interval passes")
			.isEqualTo(TagSchema.DEFAULT);
		this.clock.set(this.clock.instant().plusSeconds(1));
		assertThat(this.provider.forBucket("uploads").tagSchema()).isEqualTo(TagSchema.GUARDDUTY);
		assertThat(this.provider.version()).isEqualTo(version);
		assertThat(this.provider.rulesFor("uploads").allowList()).containsExactly("BucketWarden.Test.Marker");
		assertThat(this.provider.rulesFor("uploads").skips("tmp/x")).isTrue();
		assertThat(this.provider.quarantineBuckets()).containsExactlyInAnyOrder("default-q", "uploads-q");
	}

	@Test
	void shouldDropAnUnprotectedBucket() {
		this.table.put(stored("uploads", TagSchema.GUARDDUTY));
		assertThat(this.provider.protectedBuckets()).containsExactly("uploads");
		this.table.delete("uploads");
		this.clock.set(this.clock.instant().plusSeconds(30));
		assertThat(this.provider.protectedBuckets()).isEmpty();
		assertThat(this.provider.forBucket("uploads").tagSchema()).isEqualTo(TagSchema.DEFAULT);
	}

	@Test
	void shouldReadABucketsWholeConfigurationAtOnce() {
		StoredBucket stored = stored("uploads", TagSchema.GUARDDUTY);
		this.table.put(stored);
		this.table.put(stored("other", TagSchema.DEFAULT));

		BucketConfiguration uploads = this.provider.configuration("uploads");
		assertThat(uploads.settings()).isEqualTo(stored.settings());
		assertThat(uploads.rules()).isEqualTo(stored.rules());
		assertThat(uploads.protectedBucket()).isTrue();
		assertThat(uploads.quarantine()).isFalse();
		BucketConfiguration unlisted = this.provider.configuration("unlisted");
		assertThat(unlisted.settings()).isEqualTo(BucketSettings.quarantineTo("default-q"));
		assertThat(unlisted.rules()).isEqualTo(BucketRules.NONE);
		assertThat(unlisted.protectedBucket()).isFalse();
		assertThat(this.provider.configuration("other-q").quarantine()).isTrue();
		assertThat(this.provider.configuration("default-q").quarantine()).isTrue();
	}

	@Test
	void shouldRoundTripEverySetting() {
		StoredBucket stored = stored("uploads", TagSchema.GUARDDUTY);
		this.table.put(stored);
		assertThat(this.table.bucket("uploads")).contains(stored);
		assertThat(this.table.buckets()).containsExactly(stored);
	}

	@Test
	void shouldKeepWhereABucketLives() {
		StoredBucket home = stored("uploads", TagSchema.DEFAULT);
		StoredBucket away = new StoredBucket("media", home.settings(), home.rules(), home.updatedAt(), "admin",
				new BucketHome("us-west-2", "210987654321"));
		this.table.put(home);
		this.table.put(away);

		assertThat(this.table.bucket("uploads").orElseThrow().home()).isEqualTo(BucketHome.HOME);
		assertThat(this.table.bucket("media").orElseThrow().home())
			.isEqualTo(new BucketHome("us-west-2", "210987654321"));
		assertThat(this.provider.configuration("media").home().linked()).isTrue();
		assertThat(this.provider.configuration("uploads").home()).isEqualTo(BucketHome.HOME);
		assertThat(this.provider.configuration("unknown").home()).isEqualTo(BucketHome.HOME);
	}

	@Test
	void shouldFailTheFirstLoadWhenTheTableIsMissing(DynamoDbLocalServer server) {
		DynamoDbBucketSettingsProvider missing = new DynamoDbBucketSettingsProvider(
				new DynamoDbSettingsTable(AwsClients.dynamoDb(server), "no-such-table"),
				BucketSettings.quarantineTo("q"), Duration.ofSeconds(30), this.clock);
		assertThatExceptionOfType(StoreException.class).isThrownBy(() -> missing.forBucket("uploads"));
	}

	private static StoredBucket stored(String bucket, TagSchema schema) {
		return new StoredBucket(bucket, BucketSettings.quarantineTo(bucket + "-q").withTagSchema(schema),
				new BucketRules(List.of("tmp/"), List.of(".part"), List.of("BucketWarden.Test.Marker"),
						List.of("clamav")),
				Instant.parse("2026-01-01T00:00:00Z"), "admin");
	}

}
