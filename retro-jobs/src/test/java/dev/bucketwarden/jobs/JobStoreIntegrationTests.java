package dev.bucketwarden.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
import dev.bucketwarden.store.drift.DriftKind;
import dev.bucketwarden.store.drift.TagDrift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The jobs table on DynamoDB Local: states move only along the state machine, counters
 * add up under concurrent writers, checkpoints count a page once, and a redelivered
 * object is not counted twice.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class JobStoreIntegrationTests {

	private JobStore jobs;

	private DynamoDbClient dynamo;

	private String table;

	@BeforeEach
	void table(DynamoDbLocalServer server) {
		this.dynamo = AwsClients.dynamoDb(server);
		this.table = "jobs-" + UUID.randomUUID();
		DynamoDbTables.createAndAwaitActive(this.dynamo, JobStore.tableDefinition(this.table), Duration.ofSeconds(30));
		this.jobs = new JobStore(this.dynamo, this.table, Clock.systemUTC());
	}

	@Test
	void shouldCreateACrawlingJobWithZeroCounters() {
		Job job = this.jobs.create(spec());

		assertThat(job.state()).isEqualTo(JobState.CRAWLING);
		assertThat(job.counters().values()).allSatisfy((counter, value) -> assertThat(value).isZero());
		assertThat(job.spec()).isEqualTo(spec());
		assertThat(this.jobs.list()).extracting(Job::id).contains(job.id());
	}

	@Test
	void shouldCreateTheJobWhenTheAnswerToItsWriteIsLost(DynamoDbLocalServer server) {
		// The first attempt's answer is held past the attempt timeout after DynamoDB
		// wrote the job: the SDK's retry meets that write.
		try (FaultProxy proxy = FaultProxy.start("dynamodb", server.endpoint(), Duration.ofSeconds(4), null);
				DynamoDbClient proxied = AwsClients.dynamoDbBuilder(proxy.endpoint())
					.overrideConfiguration((config) -> config.apiCallAttemptTimeout(Duration.ofSeconds(1)))
					.build()) {
			proxy.arm("dynamodb:PutItem", FaultKind.DELAY_PAST_TIMEOUT, 1);
			JobStore jobs = new JobStore(proxied, this.table, Clock.systemUTC());

			Job job = jobs.create(spec());

			assertThat(proxy.injected()).hasSize(1);
			assertThat(job.state()).isEqualTo(JobState.CRAWLING);
			assertThat(this.jobs.list()).extracting(Job::id).containsExactly(job.id());
		}
	}

	@Test
	void shouldMoveAlongTheStateMachineOnly() {
		Job job = this.jobs.create(spec());

		assertThat(this.jobs.finishIfComplete(job.id())).as("not while crawling").isFalse();
		assertThat(this.jobs.transition(job.id(), JobState.SCANNING, JobState.DONE, null)).isFalse();
		assertThat(this.jobs.transition(job.id(), JobState.CRAWLING, JobState.SCANNING, null)).isTrue();
		assertThat(this.jobs.finishIfComplete(job.id())).as("nothing queued, so complete").isTrue();
		assertThat(this.jobs.cancel(job.id(), "too late")).isFalse();
		assertThat(this.jobs.find(job.id()).orElseThrow().state()).isEqualTo(JobState.DONE);
	}

	@Test
	void shouldNoteAStoppedCrawlAndClearItWhenACrawlerIsAliveAgain() {
		Job job = this.jobs.create(spec());
		assertThat(job.crawlerSeenAt()).isNull();

		assertThat(this.jobs.crawlStopped(job.id(), "The run failed: no bucket")).isTrue();
		Job stopped = this.jobs.find(job.id()).orElseThrow();
		assertThat(stopped.state()).isEqualTo(JobState.CRAWLING);
		assertThat(stopped.reason()).isEqualTo("The run failed: no bucket");

		assertThat(this.jobs.crawlerAlive(job.id())).isTrue();
		Job alive = this.jobs.find(job.id()).orElseThrow();
		assertThat(alive.reason()).isNull();
		assertThat(alive.crawlerSeenAt()).isNotNull();
		assertThat(alive.updatedAt()).as("no change of state").isEqualTo(stopped.updatedAt());

		this.jobs.crawlStopped(job.id(), "stopped again");
		assertThat(this.jobs.transition(job.id(), JobState.CRAWLING, JobState.SCANNING, null)).isTrue();
		assertThat(this.jobs.find(job.id()).orElseThrow().reason()).as("a finished crawl has no note").isNull();
		assertThat(this.jobs.crawlerAlive(job.id())).as("only while crawling").isFalse();
		assertThat(this.jobs.crawlStopped(job.id(), "late")).isFalse();
		assertThat(this.jobs.find(job.id()).orElseThrow().reason()).isNull();
	}

	@Test
	void shouldMarkProgressWhenAnObjectGetsItsResultOrWorkersAreLaunched() {
		Job job = this.jobs.create(spec());
		assertThat(this.jobs.workersLaunched(job.id())).as("not while crawling").isFalse();
		this.jobs.transition(job.id(), JobState.CRAWLING, JobState.SCANNING, null);
		assertThat(this.jobs.find(job.id()).orElseThrow().progressAt()).isNull();

		this.jobs.ledger().recordObject(job.id(), "o1", "Clean", Map.of(Counter.SCANNED, 1L, Counter.CLEAN, 1L));
		Instant first = this.jobs.find(job.id()).orElseThrow().progressAt();
		assertThat(first).isNotNull();
		assertThat(this.jobs.ledger()
			.recordObject(job.id(), "o1", "Clean", Map.of(Counter.SCANNED, 1L, Counter.CLEAN, 1L))).as("counted once")
			.isFalse();
		assertThat(this.jobs.find(job.id()).orElseThrow().counters().get(Counter.SCANNED)).isEqualTo(1);

		assertThat(this.jobs.workersLaunched(job.id())).isTrue();
		assertThat(this.jobs.find(job.id()).orElseThrow().progressAt()).isAfterOrEqualTo(first);
	}

	@Test
	void shouldFinishOnlyWhenEveryQueuedObjectHasAResult() {
		Job job = this.jobs.create(spec());
		Partition partition = new Partition(0, "b", "", null, null, Partition.Checkpoint.START);
		this.jobs.ledger().plan(job.id(), List.of(partition));
		this.jobs.ledger()
			.checkpoint(job.id(), partition, new Partition.Checkpoint(null, null, null, 1, true),
					Map.of(Counter.LISTED, 3L, Counter.MATCHED, 2L, Counter.QUEUED, 2L));
		this.jobs.transition(job.id(), JobState.CRAWLING, JobState.SCANNING, null);
		this.jobs.ledger().recordObject(job.id(), "b/one", "Clean", Map.of(Counter.SCANNED, 1L, Counter.CLEAN, 1L));

		assertThat(this.jobs.finishIfComplete(job.id())).isFalse();
		this.jobs.ledger()
			.recordObject(job.id(), "b/two", "Infected", Map.of(Counter.SCANNED, 1L, Counter.INFECTED, 1L));
		assertThat(this.jobs.finishIfComplete(job.id())).isTrue();
	}

	@Test
	void shouldCancelACrawlingJob() {
		Job job = this.jobs.create(spec());

		assertThat(this.jobs.cancel(job.id(), "by test")).isTrue();
		Job cancelled = this.jobs.find(job.id()).orElseThrow();
		assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
		assertThat(cancelled.reason()).isEqualTo("by test");
		assertThat(this.jobs.transition(job.id(), JobState.CRAWLING, JobState.SCANNING, null)).isFalse();
	}

	@Test
	void shouldAddCountersAtomicallyFromConcurrentWriters() throws Exception {
		Job job = this.jobs.create(spec());
		try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
			List<Future<Boolean>> writes = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				String object = "bucket/key-" + i;
				Counter result = (i % 4 == 0) ? Counter.INFECTED : Counter.CLEAN;
				writes.add(pool.submit(() -> this.jobs.ledger()
					.recordObject(job.id(), object, result.name(), Map.of(Counter.SCANNED, 1L, result, 1L))));
			}
			for (Future<Boolean> write : writes) {
				assertThat(write.get()).isTrue();
			}
		}
		JobCounters counters = this.jobs.find(job.id()).orElseThrow().counters();
		assertThat(counters.get(Counter.SCANNED)).isEqualTo(200);
		assertThat(counters.get(Counter.INFECTED)).isEqualTo(50);
		assertThat(counters.get(Counter.CLEAN)).isEqualTo(150);
		assertThat(counters.resultsAddUp()).isTrue();
		assertThat(this.jobs.ledger().objects(job.id())).hasSize(200);
	}

	@Test
	void shouldNotCountARedeliveredObjectTwice() {
		Job job = this.jobs.create(spec());

		assertThat(this.jobs.ledger().recordObject(job.id(), "b/k#v1", "Clean", Map.of(Counter.SCANNED, 1L))).isTrue();
		assertThat(this.jobs.ledger().recordObject(job.id(), "b/k#v1", "Clean", Map.of(Counter.SCANNED, 1L))).isFalse();
		assertThat(this.jobs.find(job.id()).orElseThrow().counters().get(Counter.SCANNED)).isEqualTo(1);
	}

	@Test
	void shouldKeepCheckpointsAndCountEachPageOnce() {
		Job job = this.jobs.create(spec());
		assertThat(this.jobs.ledger().partitions(job.id())).as("not planned yet").isEmpty();
		Partition first = new Partition(0, "b", "p/", null, "p/m/", Partition.Checkpoint.START);
		Partition second = new Partition(1, "b", "p/", "p/m/", null, Partition.Checkpoint.START);
		this.jobs.ledger().plan(job.id(), List.of(first, second));

		Partition.Checkpoint page = new Partition.Checkpoint("token-1", null, null, 1, false);
		this.jobs.ledger().checkpoint(job.id(), first, page, Map.of(Counter.LISTED, 1000L, Counter.QUEUED, 10L));
		// The same page again (a crawler that did not see its own checkpoint): refused.
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> this.jobs.ledger()
			.checkpoint(job.id(), first, page, Map.of(Counter.LISTED, 1000L, Counter.QUEUED, 10L)));

		List<Partition> partitions = this.jobs.ledger().partitions(job.id());
		assertThat(partitions).hasSize(2);
		assertThat(partitions.get(0).checkpoint()).isEqualTo(page);
		assertThat(partitions.get(0).endBefore()).isEqualTo("p/m/");
		assertThat(partitions.get(1).checkpoint()).isEqualTo(Partition.Checkpoint.START);
		this.jobs.ledger()
			.checkpoint(job.id(), partitions.get(0), new Partition.Checkpoint(null, null, null, 2, true),
					Map.of(Counter.LISTED, 5L));
		assertThat(this.jobs.ledger().partitions(job.id()).get(0).checkpoint().done()).isTrue();
		JobCounters counters = this.jobs.find(job.id()).orElseThrow().counters();
		assertThat(counters.get(Counter.LISTED)).isEqualTo(1005);
		assertThat(counters.get(Counter.QUEUED)).isEqualTo(10);
	}

	@Test
	void shouldKeepFileResults() {
		Job job = this.jobs.create(new JobSpec(List.of(), "", JobSpec.S3_LAUNCH, Instant.now(), false, "/mnt/efs",
				"/mnt/quarantine", Rescan.ALWAYS, "test"));
		FileResult file = new FileResult("a/eicar.com", "Infected", "Eicar", List.of("Eicar"), 68,
				"/mnt/quarantine/a/eicar.com");

		assertThat(this.jobs.ledger().recordFile(job.id(), file, Map.of(Counter.SCANNED, 1L, Counter.INFECTED, 1L)))
			.isTrue();
		assertThat(this.jobs.ledger().recordFile(job.id(), file, Map.of(Counter.SCANNED, 1L, Counter.INFECTED, 1L)))
			.isFalse();
		assertThat(this.jobs.ledger().files(job.id())).containsExactly(file);
	}

	@Test
	void shouldKeepADriftWithItsJobAndCountItOnce() {
		Job job = this.jobs
			.create(JobRequest.buckets(List.of("b"), "test").withKind(JobKind.DRIFT_CHECK).toSpec(Clock.systemUTC()));
		TagDrift drift = new TagDrift("d-1", job.id(), "b", "k", "v1", "etag", "scan-result=Clean", "Infected",
				DriftKind.FORGED_RESULT, Instant.parse("2026-11-27T10:00:00Z"));
		Map<Counter, Long> counts = Map.of(Counter.SCANNED, 1L, Counter.DRIFT, 1L);

		assertThat(this.jobs.ledger().recordDrift(job.id(), "b/k#v1", drift, counts)).isTrue();
		assertThat(this.jobs.ledger().recordDrift(job.id(), "b/k#v1", drift, counts)).as("redelivered").isFalse();

		Job found = this.jobs.find(job.id()).orElseThrow();
		assertThat(found.spec().kind()).isEqualTo(JobKind.DRIFT_CHECK);
		assertThat(found.counters().get(Counter.DRIFT)).isEqualTo(1);
		assertThat(found.counters().resultsAddUp()).isTrue();
		assertThat(this.jobs.ledger().drifts(job.id())).containsExactly(drift);
		assertThat(this.jobs.ledger().hasObject(job.id(), "b/k#v1")).isTrue();
	}

	@Test
	void shouldReadAJobStoredWithoutAKindAsAScan() {
		Job job = this.jobs.create(spec());
		this.dynamo.updateItem((request) -> request.tableName(this.table)
			.key(JobItems.key(job.id(), JobStore.JOB))
			.updateExpression("REMOVE kind"));

		assertThat(this.jobs.find(job.id()).orElseThrow().spec().kind()).isEqualTo(JobKind.SCAN);
	}

	@Test
	void shouldKeepAnEbsJobAndItsSnapshotOnce() {
		Job job = this.jobs.create(JobSpec.ebs(EbsSource.volume("vol-0abc").in("eu-west-1", "123456789012"), "admin"));

		Job found = this.jobs.find(job.id()).orElseThrow();
		assertThat(found.spec().kind()).isEqualTo(JobKind.EBS);
		assertThat(found.spec().volume()).isTrue();
		assertThat(found.spec().directory()).isNull();
		assertThat(found.spec().ebs()).isEqualTo(new EbsSource(null, "vol-0abc", "eu-west-1", "123456789012"));
		assertThat(found.spec().inWindow(Instant.EPOCH)).as("a file of 1970").isTrue();

		assertThat(this.jobs.snapshotTaken(job.id(), "snap-1")).isTrue();
		assertThat(this.jobs.snapshotTaken(job.id(), "snap-2")).as("a job scans one snapshot").isFalse();
		assertThat(this.jobs.find(job.id()).orElseThrow().spec().ebs())
			.isEqualTo(new EbsSource("snap-1", "vol-0abc", "eu-west-1", "123456789012"));
		assertThat(this.jobs.find(job.id()).orElseThrow().spec().ebs().describe())
			.isEqualTo("snap-1 of vol-0abc in eu-west-1 of account 123456789012");

		Job fromSnapshot = this.jobs.create(JobSpec.ebs(EbsSource.snapshot("snap-9"), "cli"));
		assertThat(this.jobs.find(fromSnapshot.id()).orElseThrow().spec().ebs())
			.isEqualTo(EbsSource.snapshot("snap-9"));
		assertThat(this.jobs.find(this.jobs.create(spec()).id()).orElseThrow().spec().ebs()).as("a bucket job")
			.isNull();
	}

	@Test
	void shouldRefuseAnEbsJobThatNamesMoreThanASnapshot() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new JobSpec(List.of(), "", JobSpec.S3_LAUNCH, Instant.now(), false, "/mnt/x", null,
					Rescan.ALWAYS, "t", JobKind.EBS, EbsSource.snapshot("snap-1")));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new JobSpec(List.of("b"), "",
				JobSpec.S3_LAUNCH, Instant.now(), false, null, null, Rescan.ALWAYS, "t", JobKind.EBS));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> EbsSource.snapshot("vol-1"));
	}

	private static JobSpec spec() {
		return new JobSpec(List.of("one", "two"), "incoming/", JobSpec.S3_LAUNCH, Instant.parse("2026-01-01T00:00:00Z"),
				true, null, null, Rescan.signaturesBefore(Instant.parse("2025-06-01T00:00:00Z")), "test");
	}

}
