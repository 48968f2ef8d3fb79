package dev.bucketwarden.agent.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

import dev.bucketwarden.agent.request.ScanTarget;
import dev.bucketwarden.agent.storage.ObjectStore;
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
import dev.bucketwarden.local.samples.Samples;
import dev.bucketwarden.store.results.DynamoDbResultStore;
import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.settings.BucketSettings;
import dev.bucketwarden.store.settings.StaticBucketSettingsProvider;
import dev.bucketwarden.store.tags.TaggingStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several deliveries of one event processed at the same moment (a multipart upload can
 * raise two creation events; S3 and SQS deliver at least once), on S3Mock, DynamoDB Local
 * and a real clamd: one record, one quarantine copy (the quarantine bucket is versioned,
 * so a second copy would be a second version), one finding, and the record names the
 * copy's own version.
 */
@ExtendWith({ S3MockExtension.class, DynamoDbLocalExtension.class, ClamdExtension.class })
class ConcurrentDeliveriesIntegrationTests {

	private static final int DELIVERIES = 4;

	private static int run;

	private final List<ScanRecord> published = new CopyOnWriteArrayList<>();

	private S3Client s3;

	private DynamoDbResultStore results;

	private ScanPipeline pipeline;

	private String bucket;

	private String quarantine;

	@BeforeEach
	void pipeline(S3MockServer s3mock, DynamoDbLocalServer dynamodb, ClamdServer clamd) {
		run++;
		this.bucket = "concurrent-" + run;
		this.quarantine = "concurrent-q-" + run;
		this.s3 = AwsClients.s3(s3mock);
		this.s3.createBucket((request) -> request.bucket(this.bucket));
		S3Buckets.createVersioned(this.s3, this.quarantine);
		DynamoDbClient dynamo = AwsClients.dynamoDb(dynamodb);
		DynamoDbTables.createAndAwaitActive(dynamo, DynamoDbResultStore.tableDefinition("concurrent-results-" + run),
				Duration.ofSeconds(30));
		this.results = new DynamoDbResultStore(dynamo, "concurrent-results-" + run);
		EngineChain chain = ClamavChains.on(clamd);
		this.pipeline = new ScanPipeline(new ObjectStore(this.s3, 5L << 30, 512L << 20), chain, this.results,
				this.published::add,
				new StaticBucketSettingsProvider(BucketSettings.quarantineTo(this.quarantine), Map.of()),
				Duration.ofSeconds(60), Clock.systemUTC());
	}

	@Test
	void shouldQuarantineAndPublishOnceWhenOneVersionIsDeliveredSeveralTimesAtOnce() throws Exception {
		for (int round = 0; round < 5; round++) {
			String key = "incoming/eicar-" + round + ".com";
			String eTag = this.s3
				.putObject((request) -> request.bucket(this.bucket).key(key), RequestBody.fromBytes(Samples.eicar()))
				.eTag();
			ScanTarget target = new ScanTarget(this.bucket, key, null, eTag, ScanSource.EVENT);

			deliverAtOnce(target);

			ScanRecord record = this.results.find(this.bucket, key, null, eTag.replace("\"", "")).orElseThrow();
			assertThat(record.remediation()).as(key).isEqualTo(RemediationState.QUARANTINED);
			assertThat(this.published.stream().filter((finding) -> finding.key().equals(key))).as(key).hasSize(1);
			List<ObjectVersion> copies = this.s3
				.listObjectVersions((request) -> request.bucket(this.quarantine).prefix(this.bucket + "/" + key))
				.versions();
			assertThat(copies).as(key).hasSize(1);
			assertThat(record.quarantineLocation()).as(key).endsWith("?versionId=" + copies.getFirst().versionId());
		}
	}

	@Test
	void shouldLeaveAKilledAgentsRecordToItsRedeliveryWhichFinishesTheQuarantine() {
		String key = "killed/eicar.com";
		String eTag = this.s3
			.putObject((request) -> request.bucket(this.bucket).key(key), RequestBody.fromBytes(Samples.eicar()))
			.eTag()
			.replace("\"", "");
		// What a killed agent leaves: the verdict recorded (remediation pending, nothing
		// published), the object copied to quarantine and deleted, its message not
		// acknowledged.
		ScanRecord pending = new ScanRecord("killed-1", this.bucket, key, null, eTag, Samples.eicar().length,
				ResultStatus.INFECTED, "Eicar", null, List.of("Eicar"), List.of(), Instant.now(), Duration.ZERO,
				TaggingStatus.TAGGED, RemediationState.PENDING, null, false, ScanSource.EVENT);
		this.results.create(pending, null);
		this.s3.copyObject((request) -> request.sourceBucket(this.bucket)
			.sourceKey(key)
			.destinationBucket(this.quarantine)
			.destinationKey(this.bucket + "/" + key));
		this.s3.deleteObject((request) -> request.bucket(this.bucket).key(key));
		ScanTarget target = new ScanTarget(this.bucket, key, null, eTag, ScanSource.EVENT);

		PipelineResult second = this.pipeline.process(target, new Attempt(1, 5));
		assertThat(second.record()).isEqualTo(pending);
		assertThat(this.published).isEmpty();

		PipelineResult redelivery = this.pipeline.process(target, new Attempt(2, 5));
		assertThat(redelivery.record().remediation()).isEqualTo(RemediationState.QUARANTINED);
		assertThat(redelivery.record().quarantineLocation())
			.startsWith("s3://" + this.quarantine + "/" + this.bucket + "/" + key + "?versionId=");
		assertThat(this.published).singleElement()
			.satisfies((finding) -> assertThat(finding.id()).isEqualTo("killed-1"));
		assertThat(this.results.find(this.bucket, key, null, eTag).orElseThrow().published()).isTrue();

		this.pipeline.process(target, new Attempt(3, 5));
		assertThat(this.published).hasSize(1);
	}

	/**
	 * Runs the deliveries on threads released together; a delivery told to retry (the
	 * object moved under it) is retried, as the queue would.
	 */
	private void deliverAtOnce(ScanTarget target) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(DELIVERIES);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> deliveries = new ArrayList<>();
			for (int i = 0; i < DELIVERIES; i++) {
				deliveries.add(threads.submit(() -> {
					start.await();
					for (int attempt = 1; attempt <= 3; attempt++) {
						try {
							this.pipeline.process(target, new Attempt(attempt, 5));
							return null;
						}
						catch (RetryableScanException ex) {
							// Comes back as a redelivery.
						}
					}
					throw new AssertionError("Not done after three attempts: " + target.describe());
				}));
			}
			start.countDown();
			for (Future<?> delivery : deliveries) {
				delivery.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

}
