package dev.bucketwarden.retro;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.context.ConfigurableApplicationContext;

import dev.bucketwarden.agent.storage.StorageException;
import dev.bucketwarden.jobs.Counter;
import dev.bucketwarden.jobs.Job;
import dev.bucketwarden.jobs.JobCounters;
import dev.bucketwarden.jobs.JobRequest;
import dev.bucketwarden.jobs.JobState;
import dev.bucketwarden.jobs.JobStore;
import dev.bucketwarden.local.samples.Samples;
import dev.bucketwarden.retro.crawl.CrawlResult;
import dev.bucketwarden.retro.crawl.Crawler;
import dev.bucketwarden.retro.crawl.RetroQueue;
import dev.bucketwarden.retro.crawl.SqsRetroQueue;
import dev.bucketwarden.retro.settings.RetroProperties;
import dev.bucketwarden.retro.worker.RetroWorker;
import dev.bucketwarden.retro.worker.WorkerExit;
import dev.bucketwarden.store.results.DynamoDbResultStore;
import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A retro scan end to end on real servers: 10 000 objects in ten buckets written in five
 * waves a second apart, so their LastModified values are spread; a job whose window is
 * the middle two waves (its end is the injected clock's "now"); a crawl that dies midway
 * and is resumed; two workers that scan through the pipeline with clamd and exit when the
 * queue stays idle. Every object of the window is scanned exactly once, no other, and the
 * counters add up.
 */
class RetroScanIntegrationTests {

	private static final int BUCKETS = 10;

	private static final int PER_BUCKET = 1000;

	private static final RetroTestStack stack = RetroTestStack.get();

	private static RetroTestStack.Lane lane;

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void start() {
		lane = stack.lane("scan");
		context = RetroContexts.start(lane, Map.of("bucketwarden.retro.worker.concurrency", "8"));
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void shouldScanExactlyTheWindowOfTenThousandObjectsAcrossACrash() throws Exception {
		S3Client s3 = stack.s3;
		List<String> buckets = new ArrayList<>();
		for (int b = 0; b < BUCKETS; b++) {
			String bucket = "bulk-" + b + "-" + System.nanoTime();
			s3.createBucket((r) -> r.bucket(bucket));
			buckets.add(bucket);
		}
		// Waves 0..4 take 40%, 30%, 4%, 4% and 22% of the objects; the window is waves 2
		// and 3.
		Instant[] waveStart = new Instant[5];
		Set<String> expected = new HashSet<>();
		String eicar = null;
		for (int wave = 0; wave < 5; wave++) {
			waveStart[wave] = nextSecond();
			List<String[]> objects = new ArrayList<>();
			for (int b = 0; b < BUCKETS; b++) {
				for (int i = 0; i < PER_BUCKET; i++) {
					if (wave(i) == wave) {
						String key = (i % 7 == 0) ? "root-" + i + ".txt" : "dir-" + (i % 6) + "/object-" + i + ".txt";
						objects.add(new String[] { buckets.get(b), key });
						if (wave == 2 || wave == 3) {
							expected.add(buckets.get(b) + "/" + key);
						}
					}
				}
			}
			if (wave == 3) {
				eicar = buckets.get(4) + "/dir-1/eicar.com";
				objects.add(new String[] { buckets.get(4), "dir-1/eicar.com" });
				expected.add(eicar);
			}
			putAll(s3, objects);
		}
		assertThat(expected).hasSize(801);
		Instant jobStart = waveStart[4];
		JobStore jobs = lane.jobs();
		Job job = jobs.create(JobRequest.buckets(buckets, "test")
			.withWindow(waveStart[2], null)
			.toSpec(Clock.fixed(jobStart, ZoneOffset.UTC)));
		assertThat(job.spec().modifiedBefore()).isEqualTo(jobStart);

		// The first crawler dies after 30 batches (its queue goes away).
		SqsRetroQueue real = new SqsRetroQueue(stack.sqs, lane.queueUrl());
		AtomicInteger batches = new AtomicInteger();
		RetroQueue dying = (batch) -> {
			if (batches.incrementAndGet() > 8) {
				throw new StorageException("the crawler's host died", null);
			}
			real.sendBatch(batch);
		};
		assertThatExceptionOfType(StorageException.class).isThrownBy(() -> new Crawler(jobs, s3, dying,
				new RetroProperties.Crawl(4, 8, 200, 2, Duration.ofSeconds(1), 10, Duration.ofSeconds(30)))
			.crawl(job.id()));
		JobCounters crashed = jobs.find(job.id()).orElseThrow().counters();
		assertThat(crashed.get(Counter.QUEUED)).isPositive().isLessThan(expected.size());
		assertThat(crashed.get(Counter.LISTED)).isLessThan(BUCKETS * PER_BUCKET);

		CrawlResult resumed = context.getBean(Crawler.class).crawl(job.id());
		assertThat(resumed.state()).isEqualTo(JobState.SCANNING);
		assertThat(resumed.listed()).as("resumed, not started over").isLessThan(BUCKETS * PER_BUCKET);
		// One object of the window is deleted after the crawl listed it: skipped, not
		// lost.
		String gone = expected.stream().filter((id) -> !id.endsWith("eicar.com")).sorted().findFirst().orElseThrow();
		s3.deleteObject(
				(r) -> r.bucket(gone.substring(0, gone.indexOf('/'))).key(gone.substring(gone.indexOf('/') + 1)));

		RetroWorker worker = context.getBean(RetroWorker.class);
		ExecutorService workers = Executors.newFixedThreadPool(2);
		CompletableFuture<WorkerExit> first = CompletableFuture.supplyAsync(() -> worker.run(job.id()), workers);
		CompletableFuture<WorkerExit> second = CompletableFuture.supplyAsync(() -> worker.run(job.id()), workers);
		assertThat(first.get(5, java.util.concurrent.TimeUnit.MINUTES).reason()).isEqualTo(WorkerExit.Reason.IDLE);
		assertThat(second.get(1, java.util.concurrent.TimeUnit.MINUTES).reason()).isEqualTo(WorkerExit.Reason.IDLE);
		workers.shutdown();
		assertThat(first.get().objects() + second.get().objects()).isGreaterThanOrEqualTo(expected.size());

		Job done = jobs.find(job.id()).orElseThrow();
		assertThat(done.state()).isEqualTo(JobState.DONE);
		JobCounters counters = done.counters();
		assertThat(counters.get(Counter.LISTED)).isEqualTo(BUCKETS * PER_BUCKET + 1);
		assertThat(counters.get(Counter.MATCHED)).isEqualTo(expected.size());
		assertThat(counters.get(Counter.QUEUED)).isEqualTo(expected.size());
		assertThat(counters.get(Counter.SCANNED)).isEqualTo(expected.size());
		assertThat(counters.get(Counter.INFECTED)).isEqualTo(1);
		assertThat(counters.get(Counter.SKIPPED)).isEqualTo(1);
		assertThat(counters.get(Counter.CLEAN)).isEqualTo(expected.size() - 2);
		assertThat(counters.get(Counter.UNSCANNABLE) + counters.get(Counter.ERRORS)).isZero();
		assertThat(counters.resultsAddUp()).isTrue();
		List<String> recorded = jobs.ledger()
			.objects(job.id())
			.stream()
			.map((id) -> id.substring(0, id.lastIndexOf('#')))
			.toList();
		assertThat(recorded).hasSize(expected.size());
		assertThat(new HashSet<>(recorded)).isEqualTo(expected);

		DynamoDbResultStore results = new DynamoDbResultStore(stack.dynamo, lane.resultsTable());
		String eicarId = eicar;
		String eicarBucket = eicar.substring(0, eicar.indexOf('/'));
		ScanRecord infected = results
			.find(eicarBucket, "dir-1/eicar.com", null,
					context.getBean(S3Client.class)
						.headObject((r) -> r.bucket(RetroTestStack.QUARANTINE).key(eicarId))
						.eTag()
						.replace("\"", ""))
			.orElseThrow();
		assertThat(infected.status()).isEqualTo(ResultStatus.INFECTED);
		assertThat(infected.remediation()).isEqualTo(RemediationState.QUARANTINED);
		assertThat(stack.sqs.getQueueAttributes(
				(r) -> r.queueUrl(lane.deadLetterQueueUrl()).attributeNamesWithStrings("ApproximateNumberOfMessages"))
			.attributesAsStrings()).containsEntry("ApproximateNumberOfMessages", "0");
	}

	private static int wave(int i) {
		int slot = i % 50;
		return (slot < 20) ? 0 : (slot < 35) ? 1 : (slot < 37) ? 2 : (slot < 39) ? 3 : 4;
	}

	private static void putAll(S3Client s3, List<String[]> objects) throws Exception {
		try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
			List<java.util.concurrent.Future<?>> puts = new ArrayList<>();
			for (String[] object : objects) {
				byte[] body = object[1].endsWith("eicar.com") ? Samples.eicar()
						: ("retro " + object[0] + "/" + object[1]).getBytes();
				puts.add(pool.submit(
						() -> s3.putObject((r) -> r.bucket(object[0]).key(object[1]), RequestBody.fromBytes(body))));
			}
			for (java.util.concurrent.Future<?> put : puts) {
				put.get();
			}
		}
	}

	/**
	 * Waits for the next whole second: what was written before has an earlier
	 * LastModified, what is written after a later or equal one, even where S3 keeps whole
	 * seconds only.
	 */
	private static Instant nextSecond() throws InterruptedException {
		Instant next = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
		Thread.sleep(Duration.between(Instant.now(), next).plusMillis(5));
		return next;
	}

}
