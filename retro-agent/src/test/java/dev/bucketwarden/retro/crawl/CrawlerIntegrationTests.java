package dev.bucketwarden.retro.crawl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import dev.bucketwarden.agent.storage.StorageException;
import dev.bucketwarden.jobs.Counter;
import dev.bucketwarden.jobs.Job;
import dev.bucketwarden.jobs.JobCounters;
import dev.bucketwarden.jobs.JobRequest;
import dev.bucketwarden.jobs.JobState;
import dev.bucketwarden.jobs.Partition;
import dev.bucketwarden.local.aws.S3Buckets;
import dev.bucketwarden.retro.Queues;
import dev.bucketwarden.retro.RetroTestStack;
import dev.bucketwarden.retro.settings.RetroProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The crawler against S3Mock, ElasticMQ and DynamoDB Local, with tiny pages so that every
 * bucket takes many pages and partitions.
 */
class CrawlerIntegrationTests {

	private final RetroTestStack stack = RetroTestStack.get();

	private final S3Client s3 = this.stack.s3;

	@Test
	void shouldSplitByCommonPrefixesAndEnqueueEveryKeyExactlyOnce() {
		RetroTestStack.Lane lane = this.stack.lane("split");
		String bucket = bucket("split");
		Set<String> keys = new HashSet<>(List.of("a.txt", "p3", "p3!between", "p3/", "p5/x/y/z.txt", "zz.txt"));
		for (int p = 0; p < 10; p++) {
			for (int i = 0; i < 5; i++) {
				keys.add("p" + p + "/file-" + i + ".txt");
			}
		}
		keys.forEach((key) -> put(bucket, key));
		Job job = lane.jobs().create(JobRequest.buckets(List.of(bucket), "test").toSpec(Clock.systemUTC()));

		CrawlResult result = crawler(lane, new SqsRetroQueue(this.stack.sqs, lane.queueUrl()), 3).crawl(job.id());

		assertThat(result.state()).isEqualTo(JobState.SCANNING);
		assertThat(lane.jobs().ledger().partitions(job.id())).hasSize(4)
			.allSatisfy((p) -> assertThat(p.checkpoint().done()).isTrue());
		List<RetroMessage> sent = Queues.drainMessages(this.stack.sqs, lane.queueUrl());
		assertThat(sent).allSatisfy((m) -> assertThat(m.jobId()).isEqualTo(job.id()))
			.allSatisfy((m) -> assertThat(m.objects()).hasSizeLessThanOrEqualTo(7));
		List<RetroMessage.Target> messages = sent.stream().flatMap((m) -> m.objects().stream()).toList();
		assertThat(messages).as(lane.jobs().ledger().partitions(job.id()).toString())
			.extracting(RetroMessage.Target::key)
			.containsExactlyInAnyOrderElementsOf(keys);
		JobCounters counters = lane.jobs().find(job.id()).orElseThrow().counters();
		assertThat(counters.get(Counter.LISTED)).isEqualTo(keys.size());
		assertThat(counters.get(Counter.MATCHED)).isEqualTo(keys.size());
		assertThat(counters.get(Counter.QUEUED)).isEqualTo(keys.size());
	}

	@Test
	void shouldEnqueueOnlyObjectsInTheWindowWhoseEndIsTheClocksNow() throws InterruptedException {
		RetroTestStack.Lane lane = this.stack.lane("window");
		String bucket = bucket("window");
		put(bucket, "before/old.txt");
		Instant from = nextSecond();
		put(bucket, "inside/one.txt");
		put(bucket, "inside/two.txt");
		Instant jobStart = nextSecond();
		put(bucket, "after/new.txt");
		// The job "starts" at jobStart: its window ends there by default.
		Job job = lane.jobs()
			.create(JobRequest.buckets(List.of(bucket), "test")
				.withWindow(from, null)
				.toSpec(Clock.fixed(jobStart, java.time.ZoneOffset.UTC)));

		crawler(lane, new SqsRetroQueue(this.stack.sqs, lane.queueUrl()), 1000).crawl(job.id());

		assertThat(Queues.drain(this.stack.sqs, lane.queueUrl())).extracting(RetroMessage.Target::key)
			.containsExactlyInAnyOrder("inside/one.txt", "inside/two.txt");
		JobCounters counters = lane.jobs().find(job.id()).orElseThrow().counters();
		assertThat(counters.get(Counter.LISTED)).isEqualTo(4);
		assertThat(counters.get(Counter.MATCHED)).isEqualTo(2);
	}

	@Test
	void shouldResumeFromItsCheckpointsAfterACrash() {
		RetroTestStack.Lane lane = this.stack.lane("resume");
		String bucket = bucket("resume");
		Set<String> keys = new HashSet<>();
		for (int p = 0; p < 4; p++) {
			for (int i = 0; i < 30; i++) {
				keys.add("dir-" + p + "/object-" + i);
			}
		}
		keys.parallelStream().forEach((key) -> put(bucket, key));
		Job job = lane.jobs().create(JobRequest.buckets(List.of(bucket), "test").toSpec(Clock.systemUTC()));
		SqsRetroQueue real = new SqsRetroQueue(this.stack.sqs, lane.queueUrl());
		AtomicInteger batches = new AtomicInteger();
		RetroQueue dying = (batch) -> {
			if (batches.incrementAndGet() > 5) {
				throw new StorageException("SQS went away", null);
			}
			real.sendBatch(batch);
		};

		assertThatExceptionOfType(StorageException.class).isThrownBy(() -> crawler(lane, dying, 7).crawl(job.id()));
		assertThat(lane.jobs().find(job.id()).orElseThrow().state()).isEqualTo(JobState.CRAWLING);
		List<Partition> checkpointed = lane.jobs().ledger().partitions(job.id());
		assertThat(checkpointed).anySatisfy((p) -> assertThat(p.checkpoint().started()).isTrue());
		assertThat(checkpointed).anySatisfy((p) -> assertThat(p.checkpoint().done()).isFalse());
		long queuedBeforeCrash = lane.jobs().find(job.id()).orElseThrow().counters().get(Counter.QUEUED);

		CrawlResult resumed = crawler(lane, real, 7).crawl(job.id());

		assertThat(resumed.state()).isEqualTo(JobState.SCANNING);
		assertThat(resumed.listed()).as("the resumed crawl did not start over").isLessThan(keys.size());
		List<RetroMessage.Target> messages = Queues.drain(this.stack.sqs, lane.queueUrl());
		assertThat(messages).extracting(RetroMessage.Target::key)
			.containsAll(keys)
			.hasSizeGreaterThanOrEqualTo(keys.size());
		assertThat(new HashSet<>(messages.stream().map(RetroMessage.Target::key).toList())).isEqualTo(keys);
		JobCounters counters = lane.jobs().find(job.id()).orElseThrow().counters();
		assertThat(queuedBeforeCrash).isPositive().isLessThan(keys.size());
		assertThat(counters.get(Counter.LISTED)).as("every page counted once").isEqualTo(keys.size());
		assertThat(counters.get(Counter.QUEUED)).isEqualTo(keys.size());
	}

	@Test
	void shouldStopListingWhenCancelled() {
		RetroTestStack.Lane lane = this.stack.lane("cancel");
		String bucket = bucket("cancel");
		for (int i = 0; i < 60; i++) {
			put(bucket, "k/" + i);
		}
		Job job = lane.jobs().create(JobRequest.buckets(List.of(bucket), "test").toSpec(Clock.systemUTC()));
		SqsRetroQueue real = new SqsRetroQueue(this.stack.sqs, lane.queueUrl());
		RetroQueue cancelling = (batch) -> {
			real.sendBatch(batch);
			lane.jobs().cancel(job.id(), "stopped by the test");
		};

		CrawlResult result = crawler(lane, cancelling, 5).crawl(job.id());

		assertThat(result.state()).isEqualTo(JobState.CANCELLED);
		assertThat(result.queued()).isLessThan(60);
		assertThat(lane.jobs().find(job.id()).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
		assertThat(crawler(lane, real, 5).crawl(job.id()).queued()).as("a cancelled job is not crawled again").isZero();
	}

	@Test
	void shouldEnqueueEveryVersionWhenAskedTo() {
		RetroTestStack.Lane lane = this.stack.lane("versions");
		String bucket = "versions-" + System.nanoTime();
		S3Buckets.createVersioned(this.s3, bucket);
		String first = this.s3.putObject((r) -> r.bucket(bucket).key("doc.txt"), RequestBody.fromString("one"))
			.versionId();
		String second = this.s3.putObject((r) -> r.bucket(bucket).key("doc.txt"), RequestBody.fromString("two"))
			.versionId();
		String deleted = this.s3.putObject((r) -> r.bucket(bucket).key("gone.txt"), RequestBody.fromString("x"))
			.versionId();
		this.s3.deleteObject((r) -> r.bucket(bucket).key("gone.txt"));
		Job job = lane.jobs()
			.create(JobRequest.buckets(List.of(bucket), "test").withAllVersions(true).toSpec(Clock.systemUTC()));

		crawler(lane, new SqsRetroQueue(this.stack.sqs, lane.queueUrl()), 1).crawl(job.id());

		assertThat(Queues.drain(this.stack.sqs, lane.queueUrl())).extracting(RetroMessage.Target::versionId)
			.containsExactlyInAnyOrder(first, second, deleted);
	}

	private Crawler crawler(RetroTestStack.Lane lane, RetroQueue queue, int pageSize) {
		return new Crawler(lane.jobs(), this.s3, queue,
				new RetroProperties.Crawl(3, 4, pageSize, 2, Duration.ZERO, 7, Duration.ofSeconds(30)));
	}

	private String bucket(String name) {
		String bucket = name + "-" + System.nanoTime();
		this.s3.createBucket((r) -> r.bucket(bucket));
		return bucket;
	}

	private void put(String bucket, String key) {
		this.s3.putObject((r) -> r.bucket(bucket).key(key), RequestBody.fromString("content of " + key));
	}

	/**
	 * Waits for the next whole second: objects written before it have an earlier
	 * LastModified, objects written after it a later or equal one, even if S3 keeps whole
	 * seconds only.
	 */
	static Instant nextSecond() throws InterruptedException {
		Instant next = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
		Thread.sleep(Duration.between(Instant.now(), next).plusMillis(5));
		return next;
	}

}
