package dev.bucketwarden.retro.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

import org.springframework.context.ConfigurableApplicationContext;

import dev.bucketwarden.jobs.Counter;
import dev.bucketwarden.jobs.Job;
import dev.bucketwarden.jobs.JobCounters;
import dev.bucketwarden.jobs.JobRequest;
import dev.bucketwarden.jobs.JobState;
import dev.bucketwarden.jobs.Rescan;
import dev.bucketwarden.local.support.FreePorts;
import dev.bucketwarden.retro.Queues;
import dev.bucketwarden.retro.RetroContexts;
import dev.bucketwarden.retro.RetroTestStack;
import dev.bucketwarden.retro.crawl.Crawler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retro workers with the real pipeline (S3Mock, clamd, DynamoDB Local, ElasticMQ):
 * cancel, rescans by signature date, and a scan that keeps failing.
 */
class RetroWorkerIntegrationTests {

	private static final RetroTestStack stack = RetroTestStack.get();

	private static RetroTestStack.Lane lane;

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void start() {
		lane = stack.lane("worker");
		context = RetroContexts.start(lane, Map.of());
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void shouldStopWhenItsJobIsCancelled() throws Exception {
		Job job = lane.jobs().create(JobRequest.buckets(List.of("any"), "test").toSpec(Clock.systemUTC()));
		RetroWorker worker = context.getBean(RetroWorker.class);
		CompletableFuture<WorkerExit> running = CompletableFuture.supplyAsync(() -> worker.run(job.id()),
				(task) -> Thread.ofPlatform().start(task));
		Thread.sleep(500);
		assertThat(running).as("waits while the job is crawling").isNotDone();

		lane.jobs().cancel(job.id(), "test");

		assertThat(running.get(10, TimeUnit.SECONDS).reason()).isEqualTo(WorkerExit.Reason.JOB_ENDED);
	}

	@Test
	void shouldDropTheMessagesOfACancelledJobUnscanned() {
		String bucket = bucket("cancelled");
		for (int i = 0; i < 5; i++) {
			put(bucket, "k" + i, "content " + i);
		}
		Job job = lane.jobs().create(JobRequest.buckets(List.of(bucket), "test").toSpec(Clock.systemUTC()));
		context.getBean(Crawler.class).crawl(job.id());
		lane.jobs().cancel(job.id(), "test");

		WorkerExit exit = context.getBean(RetroWorker.class).run(null);

		assertThat(exit.reason()).isEqualTo(WorkerExit.Reason.IDLE);
		JobCounters counters = lane.jobs().find(job.id()).orElseThrow().counters();
		assertThat(counters.get(Counter.QUEUED)).isEqualTo(5);
		assertThat(counters.get(Counter.SCANNED)).isZero();
		assertThat(Queues.drain(stack.sqs, lane.queueUrl())).isEmpty();
	}

	@Test
	void shouldRescanOnlyWhatWasScannedWithOlderSignatures() {
		String bucket = bucket("rescan");
		put(bucket, "report.txt", "quarterly report");

		JobCounters first = runJob(bucket, Rescan.IF_UNSCANNED);
		JobCounters again = runJob(bucket, Rescan.IF_UNSCANNED);
		JobCounters newerSignatures = runJob(bucket, Rescan.signaturesBefore(Instant.now().plus(Duration.ofDays(1))));
		JobCounters olderCutoff = runJob(bucket, Rescan.signaturesBefore(Instant.parse("2000-01-01T00:00:00Z")));
		JobCounters always = runJob(bucket, Rescan.ALWAYS);

		assertThat(first.get(Counter.CLEAN)).isEqualTo(1);
		assertThat(first.get(Counter.REUSED)).isZero();
		assertThat(again.get(Counter.REUSED)).as("already scanned: reused").isEqualTo(1);
		assertThat(newerSignatures.get(Counter.REUSED)).as("scanned with older signatures: rescanned").isZero();
		assertThat(newerSignatures.get(Counter.CLEAN)).isEqualTo(1);
		assertThat(olderCutoff.get(Counter.REUSED)).as("the record keeps its signature date").isEqualTo(1);
		assertThat(always.get(Counter.REUSED)).isZero();
	}

	@Test
	void shouldCountAScanThatKeepsFailingAsAnErrorAndDeadLetterIt() {
		RetroTestStack.Lane broken = stack.lane("broken");
		String bucket = bucket("broken");
		put(bucket, "doc.txt", "content");
		try (ConfigurableApplicationContext down = RetroContexts.start(broken,
				Map.of("bucketwarden.engines.clamav.port", Integer.toString(FreePorts.next())))) {
			Job job = broken.jobs().create(JobRequest.buckets(List.of(bucket), "test").toSpec(Clock.systemUTC()));
			down.getBean(Crawler.class).crawl(job.id());

			WorkerExit exit = down.getBean(RetroWorker.class).run(job.id());

			assertThat(exit.reason()).isEqualTo(WorkerExit.Reason.IDLE);
			Job done = broken.jobs().find(job.id()).orElseThrow();
			assertThat(done.state()).isEqualTo(JobState.DONE);
			assertThat(done.counters().get(Counter.ERRORS)).isEqualTo(1);
			assertThat(done.counters().get(Counter.CLEAN)).isZero();
			assertThat(Queues.drain(stack.sqs, broken.deadLetterQueueUrl())).singleElement()
				.satisfies((message) -> assertThat(message.key()).isEqualTo("doc.txt"));
		}
	}

	private JobCounters runJob(String bucket, Rescan rescan) {
		Job job = lane.jobs()
			.create(JobRequest.buckets(List.of(bucket), "test").withRescan(rescan).toSpec(Clock.systemUTC()));
		context.getBean(Crawler.class).crawl(job.id());
		context.getBean(RetroWorker.class).run(job.id());
		Job done = lane.jobs().find(job.id()).orElseThrow();
		assertThat(done.state()).isEqualTo(JobState.DONE);
		return done.counters();
	}

	private static String bucket(String name) {
		String bucket = name + "-" + System.nanoTime();
		stack.s3.createBucket((r) -> r.bucket(bucket));
		return bucket;
	}

	private static void put(String bucket, String key, String content) {
		stack.s3.putObject((r) -> r.bucket(bucket).key(key), RequestBody.fromString(content));
	}

}
