package dev.bucketwarden.agent.pipeline;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Tag;

import dev.bucketwarden.agent.request.ScanTarget;
import dev.bucketwarden.agent.storage.ObjectStore;
import dev.bucketwarden.agent.storage.StorageException;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.aws.DynamoDbTables;
import dev.bucketwarden.local.aws.S3Buckets;
import dev.bucketwarden.local.clamd.ClamdServer;
import dev.bucketwarden.local.dynamodb.DynamoDbLocalServer;
import dev.bucketwarden.local.junit.ClamdExtension;
import dev.bucketwarden.local.junit.DynamoDbLocalExtension;
import dev.bucketwarden.local.junit.S3MockExtension;
import dev.bucketwarden.local.s3mock.S3MockServer;
import dev.bucketwarden.store.results.DynamoDbResultStore;
import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.settings.BucketSettings;
import dev.bucketwarden.store.settings.StaticBucketSettingsProvider;
import dev.bucketwarden.store.tags.TagKeys;
import dev.bucketwarden.store.tags.TaggingStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The requests an event's first delivery makes for a Clean object, counted by operation
 * on the real S3Mock and DynamoDB Local (a real clamd scans), and what a crash or a
 * concurrent scan on that path leaves: nothing lost, tags that agree with the record that
 * stands.
 */
@ExtendWith({ S3MockExtension.class, DynamoDbLocalExtension.class, ClamdExtension.class })
class FirstLookIntegrationTests {

	private static int run;

	private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

	private final List<ScanRecord> published = new CopyOnWriteArrayList<>();

	private final AtomicBoolean publisherDown = new AtomicBoolean();

	private S3Client s3;

	private DynamoDbResultStore results;

	private ScanPipeline pipeline;

	private String bucket;

	private String versioned;

	@BeforeEach
	void pipeline(S3MockServer s3mock, DynamoDbLocalServer dynamodb, ClamdServer clamd) {
		run++;
		this.bucket = "first-look-" + run;
		this.versioned = "first-look-v-" + run;
		S3Client setup = AwsClients.s3(s3mock);
		setup.createBucket((request) -> request.bucket(this.bucket));
		S3Buckets.createVersioned(setup, this.versioned);
		this.s3 = counted(s3mock.endpoint());
		DynamoDbClient dynamo = AwsClients.dynamoDb(dynamodb);
		DynamoDbTables.createAndAwaitActive(dynamo, DynamoDbResultStore.tableDefinition("first-look-" + run),
				Duration.ofSeconds(30));
		this.results = new DynamoDbResultStore(counted(dynamodb), "first-look-" + run);
		EngineChain chain = ClamavChains.on(clamd);
		this.pipeline = new ScanPipeline(new ObjectStore(this.s3, 5L << 30, 512L << 20, true), chain, this.results,
				(record) -> {
					if (this.publisherDown.get()) {
						throw new StorageException("the findings topic is down", null);
					}
					this.published.add(record);
				}, new StaticBucketSettingsProvider(BucketSettings.quarantineTo("first-look-q"), Map.of()),
				Duration.ofSeconds(60), Clock.systemUTC());
	}

	@Test
	void shouldScanACleanUnversionedObjectWithFourRequests() {
		ScanTarget target = upload(this.bucket, "clean.bin", Map.of());

		PipelineResult result = this.pipeline.process(target, Attempt.ofReceiveCount("1", 3));

		assertThat(result.outcome()).isEqualTo(PipelineResult.Outcome.SCANNED);
		// GET instead of HEAD + GET, no result lookup, the HEAD that proves the key still
		// holds the scanned content (and says it has no tags), one record write.
		assertThat(counts())
			.isEqualTo(Map.of("S3.GetObject", 1, "S3.HeadObject", 1, "S3.PutObjectTagging", 1, "DynamoDb.PutItem", 1));
		ScanRecord record = this.results.find(this.bucket, "clean.bin", null, target.eTag()).orElseThrow();
		assertThat(record.status()).isEqualTo(ResultStatus.CLEAN);
		assertThat(record.published()).isTrue();
		assertThat(record.tagging()).isEqualTo(TaggingStatus.TAGGED);
		assertThat(record.remediation()).isEqualTo(RemediationState.NONE);
		assertThat(this.published).extracting(ScanRecord::id).containsExactly(record.id());
		assertThat(tags(this.bucket, "clean.bin")).containsEntry(TagKeys.RESULT, "Clean");
	}

	@Test
	void shouldNotHeadAVersionedObjectItScannedByVersion() {
		ScanTarget target = upload(this.versioned, "clean.bin", Map.of());
		String versionId = this.s3.headObject((request) -> request.bucket(this.versioned).key("clean.bin")).versionId();
		this.requests.clear();

		this.pipeline.process(new ScanTarget(this.versioned, "clean.bin", versionId, target.eTag(), ScanSource.EVENT),
				Attempt.ofReceiveCount("1", 3));

		assertThat(counts()).isEqualTo(Map.of("S3.GetObject", 1, "S3.PutObjectTagging", 1, "DynamoDb.PutItem", 1));
		assertThat(this.results.find(this.versioned, "clean.bin", versionId, target.eTag())).isPresent();
	}

	@Test
	void shouldReadAndKeepTheUsersTagsWhenS3SaysThereAreSome() {
		ScanTarget target = upload(this.bucket, "tagged.bin", Map.of("team", "blue", "stage", "raw"));

		this.pipeline.process(target, Attempt.ofReceiveCount("1", 3));

		assertThat(counts()).containsEntry("S3.GetObjectTagging", 1);
		assertThat(tags(this.bucket, "tagged.bin")).containsEntry("team", "blue")
			.containsEntry("stage", "raw")
			.containsEntry(TagKeys.RESULT, "Clean");
	}

	@Test
	void shouldPublishAgainAfterACrashBeforeTheRecordAndRecordOnce() {
		ScanTarget target = upload(this.bucket, "crash.bin", Map.of());
		this.publisherDown.set(true);

		assertThatExceptionOfType(RetryableScanException.class)
			.isThrownBy(() -> this.pipeline.process(target, Attempt.ofReceiveCount("1", 3)));
		assertThat(this.results.find(this.bucket, "crash.bin", null, target.eTag())).isEmpty();

		this.publisherDown.set(false);
		PipelineResult redelivered = this.pipeline.process(target, Attempt.ofReceiveCount("2", 3));

		assertThat(redelivered.outcome()).isEqualTo(PipelineResult.Outcome.SCANNED);
		ScanRecord record = this.results.find(this.bucket, "crash.bin", null, target.eTag()).orElseThrow();
		assertThat(record.status()).isEqualTo(ResultStatus.CLEAN);
		assertThat(record.published()).isTrue();
		assertThat(this.published).extracting(ScanRecord::id).containsExactly(record.id());
		assertThat(tags(this.bucket, "crash.bin")).containsEntry(TagKeys.RESULT, "Clean");
	}

	@Test
	void shouldPutBackTheTagsOfAVerdictAConcurrentScanRecordedFirst() {
		ScanTarget target = upload(this.bucket, "raced.bin", Map.of());
		// What a concurrent scan of the same version with other signatures left: its
		// verdict recorded and tagged first.
		ScanRecord first = new ScanRecord("concurrent-1", this.bucket, "raced.bin", null, target.eTag(), 4096,
				ResultStatus.INFECTED, "Bw.Test.Signature", null, List.of("Bw.Test.Signature"), List.of(),
				Instant.now(), Duration.ZERO, TaggingStatus.TAGGED, RemediationState.KEPT, null, true,
				ScanSource.EVENT);
		assertThat(this.results.create(first, null)).isEmpty();

		PipelineResult result = this.pipeline.process(target, Attempt.ofReceiveCount("1", 3));

		assertThat(result.outcome()).isEqualTo(PipelineResult.Outcome.ALREADY_SCANNED);
		assertThat(result.record().id()).isEqualTo("concurrent-1");
		assertThat(tags(this.bucket, "raced.bin")).containsEntry(TagKeys.RESULT, "Infected");
		assertThat(this.results.find(this.bucket, "raced.bin", null, target.eTag()).orElseThrow().id())
			.isEqualTo("concurrent-1");
	}

	@Test
	void shouldSkipAnUnversionedObjectOverwrittenSinceItsEvent() {
		ScanTarget target = upload(this.bucket, "overwritten.bin", Map.of());
		upload(this.bucket, "overwritten.bin", Map.of());

		PipelineResult result = this.pipeline.process(target, Attempt.ofReceiveCount("1", 3));

		assertThat(result.outcome()).isEqualTo(PipelineResult.Outcome.SUPERSEDED);
		assertThat(tags(this.bucket, "overwritten.bin")).doesNotContainKey(TagKeys.RESULT);
	}

	private ScanTarget upload(String bucket, String key, Map<String, String> tags) {
		byte[] content = new byte[4096];
		new Random().nextBytes(content);
		String tagging = tags.entrySet()
			.stream()
			.map((tag) -> tag.getKey() + "=" + tag.getValue())
			.collect(Collectors.joining("&"));
		String eTag = this.s3
			.putObject((request) -> request.bucket(bucket).key(key).tagging(tagging.isEmpty() ? null : tagging),
					RequestBody.fromBytes(content))
			.eTag()
			.replace("\"", "");
		this.requests.clear();
		return new ScanTarget(bucket, key, null, eTag, ScanSource.EVENT);
	}

	private Map<String, String> tags(String bucket, String key) {
		Map<String, String> tags = new HashMap<>();
		for (Tag tag : this.s3.getObjectTagging((request) -> request.bucket(bucket).key(key)).tagSet()) {
			tags.put(tag.key(), tag.value());
		}
		return tags;
	}

	private Map<String, Integer> counts() {
		return this.requests.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().get()));
	}

	private S3Client counted(URI endpoint) {
		return AwsClients.s3Builder(endpoint)
			.overrideConfiguration((override) -> override.addExecutionInterceptor(new Counter()))
			.build();
	}

	private DynamoDbClient counted(DynamoDbLocalServer dynamodb) {
		return AwsClients.dynamoDbBuilder(dynamodb)
			.overrideConfiguration((override) -> override.addExecutionInterceptor(new Counter()))
			.build();
	}

	/** Counts each request by service and operation. */
	private final class Counter implements ExecutionInterceptor {

		@Override
		public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
			String operation = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
					+ attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
			FirstLookIntegrationTests.this.requests.computeIfAbsent(operation, (name) -> new AtomicInteger())
				.incrementAndGet();
		}

	}

}
