package dev.bucketwarden.agent.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import dev.bucketwarden.agent.large.LargeObjectPlanner;
import dev.bucketwarden.agent.large.Part;
import dev.bucketwarden.agent.large.PartMessage;
import dev.bucketwarden.agent.large.PartScanner;
import dev.bucketwarden.agent.large.Plan;
import dev.bucketwarden.agent.large.SqsPartQueue;
import dev.bucketwarden.agent.large.WindowPlan;
import dev.bucketwarden.agent.large.WindowScanner;
import dev.bucketwarden.agent.request.ScanTarget;
import dev.bucketwarden.agent.storage.ObjectStore;
import dev.bucketwarden.agent.trust.BucketProtection;
import dev.bucketwarden.engine.chain.ChainMember;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.chain.ScanReport;
import dev.bucketwarden.engine.spi.EngineSettings;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.ScanEngineRegistry;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.aws.DynamoDbTables;
import dev.bucketwarden.local.aws.S3Buckets;
import dev.bucketwarden.local.aws.SqsQueues;
import dev.bucketwarden.local.clamd.ClamdServer;
import dev.bucketwarden.local.dynamodb.DynamoDbLocalServer;
import dev.bucketwarden.local.elasticmq.ElasticMqServer;
import dev.bucketwarden.local.junit.ClamdExtension;
import dev.bucketwarden.local.junit.DynamoDbLocalExtension;
import dev.bucketwarden.local.junit.ElasticMqExtension;
import dev.bucketwarden.local.junit.S3MockExtension;
import dev.bucketwarden.local.s3mock.S3MockServer;
import dev.bucketwarden.local.samples.Samples;
import dev.bucketwarden.local.support.AwsEmulator;
import dev.bucketwarden.store.large.DynamoDbLargeScanJobs;
import dev.bucketwarden.store.large.JobState;
import dev.bucketwarden.store.large.LargeScanJob;
import dev.bucketwarden.store.results.Coverage;
import dev.bucketwarden.store.results.DynamoDbResultStore;
import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.settings.BucketSettings;
import dev.bucketwarden.store.settings.LargeObjects;
import dev.bucketwarden.store.settings.Remediation;
import dev.bucketwarden.store.settings.StaticBucketSettingsProvider;
import dev.bucketwarden.store.tags.TagSchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Large-object jobs end to end on real servers (clamd, S3Mock, ElasticMQ, DynamoDB Local)
 * with small forced limits: the ClamAV engine takes 8 MiB, so a 40 MiB object is six
 * overlapping windows of 8 MiB (64 KiB overlap). The large-object queue is drained here
 * the way the agents' listeners do it (acknowledge after the pipeline returns, a
 * retryable failure back through visibility), so a worker that dies before its
 * acknowledgement is a message left unacknowledged.
 */
@ExtendWith({ S3MockExtension.class, DynamoDbLocalExtension.class, ClamdExtension.class, ElasticMqExtension.class })
class LargeObjectJobsIntegrationTests {

	private static final long LIMIT = 8L << 20;

	private static final long OVERLAP = 64L << 10;

	private static final int SIZE = 40 << 20;

	private static final int MAX_ATTEMPTS = 2;

	/** Short, so that a dead worker's part comes back within the test. */
	private static final int VISIBILITY_SECONDS = 2;

	private static int run;

	private final List<ScanRecord> published = new CopyOnWriteArrayList<>();

	private final List<Integer> scanned = new CopyOnWriteArrayList<>();

	private final AtomicInteger scannedAfterDecision = new AtomicInteger();

	private final Set<Integer> failing = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService extender = Executors.newScheduledThreadPool(2);

	private volatile IntConsumer afterScan = (index) -> {
	};

	private S3Client s3;

	private SqsClient sqs;

	private DynamoDbLargeScanJobs jobs;

	private DynamoDbResultStore results;

	private String queueUrl;

	private String bucket;

	private String quarantine;

	private EngineChain chain;

	private ObjectStore store;

	private LargeObjectJobs large;

	@BeforeEach
	void stack(S3MockServer s3mock, DynamoDbLocalServer dynamodb, ClamdServer clamd, ElasticMqServer elasticmq) {
		run++;
		this.bucket = "large-" + run;
		this.quarantine = "large-q-" + run;
		this.s3 = AwsClients.s3(s3mock);
		this.s3.createBucket((request) -> request.bucket(this.bucket));
		S3Buckets.createVersioned(this.s3, this.quarantine);
		DynamoDbClient dynamo = AwsClients.dynamoDb(dynamodb);
		String table = "large-results-" + run;
		DynamoDbTables.createAndAwaitActive(dynamo, DynamoDbResultStore.tableDefinition(table), Duration.ofSeconds(30));
		this.results = new DynamoDbResultStore(dynamo, table);
		this.jobs = new DynamoDbLargeScanJobs(dynamo, table);
		this.sqs = AwsClients.sqs(elasticmq);
		this.queueUrl = SqsQueues.createWithDeadLetterQueue(this.sqs, "large-parts-" + run, MAX_ATTEMPTS).queue();
		SqsAsyncClient async = SqsAsyncClient.builder()
			.endpointOverride(elasticmq.endpoint())
			.region(Region.of(AwsEmulator.REGION))
			.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(AwsEmulator.ACCESS_KEY_ID, AwsEmulator.SECRET_ACCESS_KEY)))
			.build();
		this.chain = EngineChain.builder()
			.member(new ChainMember(ScanEngineRegistry.load()
				.create("clamav",
						EngineSettings.of(Map.of("host", clamd.host(), "port", Integer.toString(clamd.port()),
								"stream-max-length", Long.toString(LIMIT)))),
					true))
			.build();
		this.store = new ObjectStore(this.s3, 5L << 30, 512L << 20);
		this.large = new LargeObjectJobs(this.jobs, new SqsPartQueue(async, this.queueUrl),
				LargeObjectPlanner.windows(), new CountingScanner(new WindowScanner(this.store)), 0, OVERLAP,
				Duration.ofMinutes(15));
	}

	@AfterEach
	void stopExtender() {
		this.extender.shutdownNow();
	}

	@Test
	void shouldScanACleanObjectInWindowsAndFinishItOnce() throws Exception {
		String eTag = put("data/clean.bin", Samples.random(SIZE, 1));
		ScanPipeline pipeline = pipeline(BucketSettings.quarantineTo(this.quarantine));

		PipelineResult queued = pipeline.process(target("data/clean.bin", eTag), new Attempt(1, 5));
		assertThat(queued.outcome()).isEqualTo(PipelineResult.Outcome.LARGE_OBJECT_QUEUED);
		PipelineResult redelivered = pipeline.process(target("data/clean.bin", eTag), new Attempt(2, 5));
		assertThat(redelivered.outcome()).isEqualTo(PipelineResult.Outcome.LARGE_OBJECT_QUEUED);
		Plan plan = WindowPlan.of(SIZE, LIMIT, OVERLAP);
		assertThat(visibleMessages()).as("one message per part, none sent again").isEqualTo(plan.parts().size());

		drain(pipeline, 1, Set.of(), Set.of());

		ScanRecord record = this.results.find(this.bucket, "data/clean.bin", null, eTag).orElseThrow();
		assertThat(record.status()).isEqualTo(ResultStatus.CLEAN);
		assertThat(record.coverage()).isEqualTo(Coverage.windows(LIMIT, OVERLAP, plan.parts().size()));
		assertThat(record.size()).isEqualTo(SIZE);
		assertThat(record.published()).isTrue();
		assertThat(tags("data/clean.bin")).containsEntry("scan-result", "Clean");
		assertThat(this.published).extracting(ScanRecord::key).containsExactly("data/clean.bin");
		assertThat(this.scanned).containsExactlyInAnyOrderElementsOf(plan.parts().stream().map(Part::index).toList());
		LargeScanJob job = this.jobs.find(this.bucket, "data/clean.bin", null, eTag).orElseThrow();
		assertThat(job.state()).isEqualTo(JobState.FINISHED);
		assertThat(job.recordId()).isEqualTo(record.id());
		assertThat(job.scannedBytes()).isEqualTo(plan.parts().stream().mapToLong(Part::length).sum());
	}

	@Test
	void shouldFindAMarkerAcrossAWindowEdgeInTheOverlapAndQuarantineOnce() throws Exception {
		byte[] content = Samples.random(SIZE, 2);
		byte[] marker = Samples.MARKER.getBytes(StandardCharsets.US_ASCII);
		// Across the end of window 0: only window 1, which starts one overlap earlier,
		// holds it whole.
		System.arraycopy(marker, 0, content, (int) LIMIT - marker.length / 2, marker.length);
		String eTag = put("data/infected.bin", content);
		ScanPipeline pipeline = pipeline(BucketSettings.quarantineTo(this.quarantine));

		pipeline.process(target("data/infected.bin", eTag), new Attempt(1, 5));
		drain(pipeline, 1, Set.of(), Set.of());

		ScanRecord record = this.results.find(this.bucket, "data/infected.bin", null, eTag).orElseThrow();
		assertThat(record.status()).isEqualTo(ResultStatus.INFECTED);
		assertThat(record.signatures()).anySatisfy((name) -> assertThat(name).contains("Marker"));
		assertThat(record.remediation()).isEqualTo(RemediationState.QUARANTINED);
		assertThat(record.coverage().kind()).isEqualTo(Coverage.Kind.WINDOWS);
		assertThat(this.s3
			.listObjectVersions((request) -> request.bucket(this.quarantine).prefix(this.bucket + "/data/infected.bin"))
			.versions()).as("quarantined once").hasSize(1);
		assertThat(this.published).hasSize(1);
		assertThat(this.scanned).as("windows 0 and 1, in queue order").containsExactly(0, 1);
		assertThat(this.scannedAfterDecision).as("parts scanned after the decision").hasValue(0);
	}

	@Test
	void shouldEndAsSupersededNeverCleanWhenTheObjectIsOverwrittenMidJob() throws Exception {
		String eTag = put("data/changing.bin", Samples.random(SIZE, 3));
		ScanPipeline pipeline = pipeline(BucketSettings.quarantineTo(this.quarantine));
		pipeline.process(target("data/changing.bin", eTag), new Attempt(1, 5));
		this.afterScan = (index) -> {
			if (index == 0) {
				put("data/changing.bin", Samples.random(SIZE, 4));
			}
		};

		drain(pipeline, 1, Set.of(), Set.of());

		ScanRecord record = this.results.find(this.bucket, "data/changing.bin", null, eTag).orElseThrow();
		assertThat(record.status()).isEqualTo(ResultStatus.SKIPPED);
		assertThat(record.reason()).isEqualTo("changed during the scan");
		assertThat(tags("data/changing.bin")).doesNotContainKey("scan-result");
		assertThat(this.jobs.find(this.bucket, "data/changing.bin", null, eTag).orElseThrow().state())
			.isEqualTo(JobState.FINISHED);
		assertThat(this.published).isEmpty();
	}

	@Test
	void shouldFinishOnceWithTwoWorkersADeadWorkerAndADuplicatePart() throws Exception {
		String eTag = put("data/parallel.bin", Samples.random(SIZE, 5));
		ScanPipeline pipeline = pipeline(BucketSettings.quarantineTo(this.quarantine));
		pipeline.process(target("data/parallel.bin", eTag), new Attempt(1, 5));
		Plan plan = WindowPlan.of(SIZE, LIMIT, OVERLAP);
		this.sqs.sendMessage((request) -> request.queueUrl(this.queueUrl)
			.messageBody(new PartMessage(this.bucket, "data/parallel.bin", null, eTag, plan.parts().get(0)).encode()));

		// Part 2's worker dies after scanning, before acknowledging; part 3's dies as
		// soon as it has received it. Both come back after the visibility timeout.
		drain(pipeline, 2, Set.of(2), Set.of(3));

		ScanRecord record = this.results.find(this.bucket, "data/parallel.bin", null, eTag).orElseThrow();
		assertThat(record.status()).isEqualTo(ResultStatus.CLEAN);
		assertThat(this.published).as("one finding").hasSize(1);
		LargeScanJob job = this.jobs.find(this.bucket, "data/parallel.bin", null, eTag).orElseThrow();
		assertThat(job.state()).isEqualTo(JobState.FINISHED);
		assertThat(job.done()).hasSize(plan.parts().size());
		assertThat(job.scannedBytes()).as("each part counted once")
			.isEqualTo(plan.parts().stream().mapToLong(Part::length).sum());
		assertThat(this.scanned.stream().filter((index) -> index == 2)).as("part 2 scanned once, not again").hasSize(1);
	}

	@Test
	void shouldRecordErrorNeverCleanWhenAPartFailsOnItsLastAttempt() throws Exception {
		String eTag = put("data/failing.bin", Samples.random(SIZE, 6));
		ScanPipeline pipeline = pipeline(BucketSettings.quarantineTo(this.quarantine));
		this.failing.add(3);
		pipeline.process(target("data/failing.bin", eTag), new Attempt(1, 5));

		drain(pipeline, 1, Set.of(), Set.of());

		ScanRecord record = this.results.find(this.bucket, "data/failing.bin", null, eTag).orElseThrow();
		assertThat(record.status()).isEqualTo(ResultStatus.ERROR);
		assertThat(record.errorKind()).isEqualTo(ErrorKind.UNAVAILABLE.name());
		assertThat(tags("data/failing.bin")).containsEntry("scan-result", "Error");
		assertThat(this.scanned.stream().filter((index) -> index == 3)).as("tried on each attempt")
			.hasSize(MAX_ATTEMPTS);
		assertThat(this.published).hasSize(1);
	}

	@Test
	void shouldKeepTheOldAnswerWhenTheBucketAsksForUnscannable() {
		String eTag = put("data/unscannable.bin", Samples.random(SIZE, 7));
		ScanPipeline pipeline = pipeline(new BucketSettings(true, TagSchema.DEFAULT, Remediation.QUARANTINE,
				this.quarantine, BucketSettings.quarantineTo(this.quarantine).maxSize(), LargeObjects.UNSCANNABLE));

		PipelineResult result = pipeline.process(target("data/unscannable.bin", eTag), new Attempt(1, 5));

		assertThat(result.outcome()).isEqualTo(PipelineResult.Outcome.SCANNED);
		assertThat(result.record().status()).isEqualTo(ResultStatus.UNSCANNABLE);
		assertThat(result.record().reason()).startsWith("TOO_LARGE");
		assertThat(result.record().coverage()).isNull();
		assertThat(visibleMessages()).isZero();
		assertThat(this.jobs.find(this.bucket, "data/unscannable.bin", null, eTag)).isEmpty();
	}

	private ScanPipeline pipeline(BucketSettings settings) {
		return new ScanPipeline(this.store, new ChainSelector(this.chain), this.results, this.published::add,
				new StaticBucketSettingsProvider(settings, Map.of()), BucketProtection.bySettingsOnly(),
				Duration.ofSeconds(60), Clock.systemUTC(), List.of(), this.large);
	}

	private ScanTarget target(String key, String eTag) {
		return new ScanTarget(this.bucket, key, null, eTag, ScanSource.EVENT);
	}

	private String put(String key, byte[] content) {
		return this.s3.putObject((request) -> request.bucket(this.bucket).key(key), RequestBody.fromBytes(content))
			.eTag()
			.replace("\"", "");
	}

	private Map<String, String> tags(String key) {
		// An empty value (no engine to name) reads back as null.
		Map<String, String> tags = new HashMap<>();
		this.s3.getObjectTagging((request) -> request.bucket(this.bucket).key(key))
			.tagSet()
			.forEach((tag) -> tags.put(tag.key(), tag.value()));
		return tags;
	}

	private int visibleMessages() {
		return Integer.parseInt(this.sqs
			.getQueueAttributes((request) -> request.queueUrl(this.queueUrl)
				.attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
			.attributes()
			.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
	}

	private boolean idle() {
		Map<QueueAttributeName, String> attributes = this.sqs
			.getQueueAttributes((request) -> request.queueUrl(this.queueUrl)
				.attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
						QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
			.attributes();
		return "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
				&& "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
	}

	/**
	 * Workers take parts until the queue is empty (at most a minute).
	 * @param diesAfterScan parts whose first worker dies after the pipeline returned,
	 * before acknowledging
	 * @param diesOnReceive parts whose first worker dies as soon as it received them
	 */
	private void drain(ScanPipeline pipeline, int workers, Set<Integer> diesAfterScan, Set<Integer> diesOnReceive)
			throws Exception {
		Set<Integer> afterScan = ConcurrentHashMap.newKeySet();
		afterScan.addAll(diesAfterScan);
		Set<Integer> onReceive = ConcurrentHashMap.newKeySet();
		onReceive.addAll(diesOnReceive);
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
		ExecutorService pool = Executors.newFixedThreadPool(workers);
		try {
			List<Future<?>> running = new java.util.ArrayList<>();
			for (int i = 0; i < workers; i++) {
				running.add(pool.submit(() -> {
					while (System.nanoTime() < deadline) {
						List<Message> messages = this.sqs
							.receiveMessage((request) -> request.queueUrl(this.queueUrl)
								.maxNumberOfMessages(1)
								.waitTimeSeconds(1)
								.visibilityTimeout(VISIBILITY_SECONDS)
								.messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
							.messages();
						if (messages.isEmpty()) {
							if (idle()) {
								return null;
							}
							continue;
						}
						work(pipeline, messages.getFirst(), afterScan, onReceive);
					}
					return null;
				}));
			}
			for (Future<?> worker : running) {
				worker.get(90, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private void work(ScanPipeline pipeline, Message message, Set<Integer> afterScan, Set<Integer> onReceive) {
		PartMessage part = PartMessage.decode(message.body());
		if (onReceive.remove(part.part().index())) {
			return;
		}
		Attempt attempt = Attempt.ofReceiveCount(
				message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT), MAX_ATTEMPTS);
		// As the listeners do: the part stays invisible while it is scanned.
		ScheduledFuture<?> extension = this.extender.scheduleAtFixedRate(
				() -> this.sqs.changeMessageVisibility((request) -> request.queueUrl(this.queueUrl)
					.receiptHandle(message.receiptHandle())
					.visibilityTimeout(VISIBILITY_SECONDS)),
				VISIBILITY_SECONDS * 400L, VISIBILITY_SECONDS * 400L, TimeUnit.MILLISECONDS);
		try {
			pipeline.processPart(part, attempt);
		}
		catch (RetryableScanException ex) {
			extension.cancel(false);
			this.sqs.changeMessageVisibility((request) -> request.queueUrl(this.queueUrl)
				.receiptHandle(message.receiptHandle())
				.visibilityTimeout(attempt.last() ? 0 : 1));
			return;
		}
		finally {
			extension.cancel(false);
		}
		if (afterScan.remove(part.part().index())) {
			return;
		}
		this.sqs.deleteMessage((request) -> request.queueUrl(this.queueUrl).receiptHandle(message.receiptHandle()));
	}

	/**
	 * Scans through the real window scanner, counting each part scanned and any scanned
	 * after its job was decided; parts in {@link #failing} fail as an engine that is
	 * down.
	 */
	private final class CountingScanner implements PartScanner {

		private final PartScanner delegate;

		CountingScanner(PartScanner delegate) {
			this.delegate = delegate;
		}

		@Override
		public ScanReport scan(dev.bucketwarden.agent.storage.ObjectInfo pinned, Part part, EngineChain chain,
				dev.bucketwarden.engine.spi.ScanLimits limits) {
			LargeObjectJobsIntegrationTests tests = LargeObjectJobsIntegrationTests.this;
			tests.scanned.add(part.index());
			if (tests.jobs.find(pinned.bucket(), pinned.key(), pinned.versionId(), pinned.eTag())
				.map((job) -> job.state() != JobState.RUNNING)
				.orElse(false)) {
				tests.scannedAfterDecision.incrementAndGet();
			}
			if (tests.failing.contains(part.index())) {
				return new ScanReport(new Verdict.Error(ErrorKind.UNAVAILABLE, "clamd is down (test)", null), List.of(),
						0, Duration.ZERO);
			}
			ScanReport report = this.delegate.scan(pinned, part, chain, limits);
			tests.afterScan.accept(part.index());
			return report;
		}

	}

}
