package dev.bucketwarden.retro.crawl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

import dev.bucketwarden.agent.metrics.RetroMeters;
import dev.bucketwarden.agent.storage.BucketClients;
import dev.bucketwarden.jobs.Counter;
import dev.bucketwarden.jobs.Job;
import dev.bucketwarden.jobs.JobSpec;
import dev.bucketwarden.jobs.JobState;
import dev.bucketwarden.jobs.JobStore;
import dev.bucketwarden.jobs.Partition;
import dev.bucketwarden.retro.settings.RetroProperties;

/**
 * Crawls a job's buckets: plans partitions (once; the plan is kept in the job), lists
 * them in parallel one page at a time, sends the objects of the LastModified window to
 * the retro queue in batches, and checkpoints each page together with its counts. Memory
 * is bounded by listers x two pages (the page being sent and the next one, listed
 * meanwhile), whatever the bucket's size. A crawler that dies leaves the job CRAWLING
 * with its checkpoints; running the crawler again resumes from them. Cancelling the job
 * stops every lister at its next page.
 */
public class Crawler {

	private static final Logger logger = LoggerFactory.getLogger(Crawler.class);

	/**
	 * Characters of objects per message body: SQS takes 256 KiB per message and per
	 * batch, so ten such messages fit one SendMessageBatch.
	 */
	static final int MAX_BODY = 20_000;

	private final JobStore jobs;

	private final ObjectLister lister;

	private final RetroQueue queue;

	private final RetroProperties.Crawl settings;

	private final RetroMeters meters;

	public Crawler(JobStore jobs, S3Client s3, RetroQueue queue, RetroProperties.Crawl settings) {
		this(jobs, s3, queue, settings, new RetroMeters(new CompositeMeterRegistry()));
	}

	/** A crawler that counts what it lists and queues into the job's meters. */
	public Crawler(JobStore jobs, S3Client s3, RetroQueue queue, RetroProperties.Crawl settings, RetroMeters meters) {
		this(jobs, BucketClients.single(s3), queue, settings, meters);
	}

	/**
	 * @param clients the S3 client of each bucket: a linked account's bucket is listed
	 * through that account's role
	 */
	public Crawler(JobStore jobs, BucketClients clients, RetroQueue queue, RetroProperties.Crawl settings,
			RetroMeters meters) {
		this.meters = meters;
		this.jobs = jobs;
		this.lister = new ObjectLister(clients, settings.pageSize());
		this.queue = queue;
		this.settings = settings;
	}

	/**
	 * Crawls (or resumes crawling) the job until every partition is listed, the job is
	 * cancelled, or something fails (then the job stays CRAWLING, to be resumed).
	 */
	public CrawlResult crawl(String jobId) {
		long started = System.nanoTime();
		Job job = this.jobs.find(jobId).orElseThrow(() -> new IllegalArgumentException("No job " + jobId));
		if (job.state() != JobState.CRAWLING) {
			logger.info("Job {} is {}: nothing to crawl", jobId, job.state());
			return new CrawlResult(jobId, job.state(), 0, 0, 0, Duration.ZERO);
		}
		if (job.spec().volume()) {
			throw new IllegalArgumentException("Job " + jobId + " names a directory: the volume scanner walks it");
		}
		try (Heartbeat heartbeat = Heartbeat.start(this.jobs, jobId, this.settings.heartbeat())) {
			return crawlPartitions(job, started);
		}
	}

	private CrawlResult crawlPartitions(Job job, long started) {
		String jobId = job.id();
		List<Partition> partitions = this.jobs.ledger().partitions(jobId);
		if (partitions.isEmpty()) {
			long planning = System.nanoTime();
			partitions = plan(job.spec());
			logger.info("Job {}: planned in {} ms", jobId, (System.nanoTime() - planning) / 1_000_000);
			this.jobs.ledger().plan(jobId, partitions);
			logger.info("Job {}: {} partitions over {}", jobId, partitions.size(), job.spec().buckets());
		}
		else {
			logger.info("Job {}: resuming {} of {} partitions from their checkpoints", jobId,
					partitions.stream().filter((p) -> !p.checkpoint().done()).count(), partitions.size());
		}
		CancelWatch cancel = new CancelWatch(this.jobs, jobId, this.settings.cancelCheck());
		Tally tally = new Tally();
		try (ExecutorService listers = Executors.newFixedThreadPool(this.settings.listers(),
				Thread.ofPlatform().name("retro-lister-", 0).daemon().factory());
				ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<?>> running = new ArrayList<>();
			for (Partition partition : partitions) {
				if (!partition.checkpoint().done()) {
					running.add(listers.submit(() -> crawlPartition(job, partition, cancel, tally, senders)));
				}
			}
			for (Future<?> partition : running) {
				await(partition, running);
			}
		}
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		if (cancel.cancelled()) {
			logger.info("Job {} cancelled: crawl stopped after {} listed, {} queued", jobId, tally.listed,
					tally.queued);
			return new CrawlResult(jobId, JobState.CANCELLED, tally.listed.get(), tally.queued.get(), tally.pages.get(),
					took);
		}
		this.jobs.transition(jobId, JobState.CRAWLING, JobState.SCANNING, null);
		this.jobs.finishIfComplete(jobId);
		JobState state = this.jobs.find(jobId).orElseThrow().state();
		logger.info("Job {} crawled in {} ms: {} listed, {} queued in {} pages; now {}; {}", jobId, took.toMillis(),
				tally.listed, tally.queued, tally.pages, state, tally.breakdown());
		return new CrawlResult(jobId, state, tally.listed.get(), tally.queued.get(), tally.pages.get(), took);
	}

	private List<Partition> plan(JobSpec spec) {
		List<Partition> partitions = new ArrayList<>();
		for (String bucket : spec.buckets()) {
			List<String> prefixes = this.lister.commonPrefixes(bucket, spec.prefix());
			partitions.addAll(PartitionPlanner.plan(bucket, spec.prefix(), prefixes, this.settings.maxPartitions(),
					partitions.size()));
		}
		return partitions;
	}

	private void crawlPartition(Job job, Partition partition, CancelWatch cancel, Tally tally,
			ExecutorService senders) {
		boolean allVersions = job.spec().allVersions();
		Partition at = partition;
		long firstStarted = System.nanoTime();
		ListedPage page = this.lister.page(at, allVersions);
		tally.listWaitNanos.addAndGet(System.nanoTime() - firstStarted);
		while (true) {
			if (cancel.cancelled()) {
				return;
			}
			Partition after = at.withCheckpoint(page.next());
			// The next page is listed while this one is sent: list calls and sends
			// overlap.
			CompletableFuture<ListedPage> next = page.next().done() ? null
					: CompletableFuture.supplyAsync(() -> this.lister.page(after, allVersions), senders);
			List<RetroMessage.Target> matched = new ArrayList<>();
			for (ListedObject object : page.objects()) {
				if (job.spec().inWindow(object.lastModified())) {
					matched.add(new RetroMessage.Target(at.bucket(), object.key(), object.versionId(), object.eTag()));
				}
			}
			long sendStarted = System.nanoTime();
			send(pack(job.id(), matched), senders);
			tally.sendNanos.addAndGet(System.nanoTime() - sendStarted);
			Map<Counter, Long> counts = new EnumMap<>(Counter.class);
			counts.put(Counter.LISTED, (long) page.objects().size());
			counts.put(Counter.MATCHED, (long) matched.size());
			counts.put(Counter.QUEUED, (long) matched.size());
			long checkpointStarted = System.nanoTime();
			this.jobs.ledger().checkpoint(job.id(), at, page.next(), counts);
			tally.checkpointNanos.addAndGet(System.nanoTime() - checkpointStarted);
			tally.add(page.objects().size(), matched.size());
			this.meters.count(job.id(), RetroMeters.Stage.LISTED, page.objects().size());
			this.meters.count(job.id(), RetroMeters.Stage.QUEUED, matched.size());
			if (next == null) {
				return;
			}
			at = after;
			long waitStarted = System.nanoTime();
			page = join(next);
			tally.listWaitNanos.addAndGet(System.nanoTime() - waitStarted);
		}
	}

	/**
	 * Packs objects into messages of at most {@code objectsPerMessage} objects and about
	 * {@value #MAX_BODY} characters.
	 */
	private List<RetroMessage> pack(String jobId, List<RetroMessage.Target> objects) {
		List<RetroMessage> messages = new ArrayList<>();
		List<RetroMessage.Target> current = new ArrayList<>();
		int weight = 0;
		for (RetroMessage.Target object : objects) {
			if (!current.isEmpty()
					&& (current.size() == this.settings.objectsPerMessage() || weight + object.weight() > MAX_BODY)) {
				messages.add(new RetroMessage(jobId, current));
				current = new ArrayList<>();
				weight = 0;
			}
			current.add(object);
			weight += object.weight();
		}
		if (!current.isEmpty()) {
			messages.add(new RetroMessage(jobId, current));
		}
		return messages;
	}

	/** Sends in batches of ten, at most {@code sendConcurrency} batches at once. */
	private void send(List<RetroMessage> messages, ExecutorService senders) {
		if (messages.isEmpty()) {
			return;
		}
		List<List<RetroMessage>> batches = new ArrayList<>();
		for (int i = 0; i < messages.size(); i += 10) {
			batches.add(messages.subList(i, Math.min(messages.size(), i + 10)));
		}
		int lanes = Math.min(this.settings.sendConcurrency(), batches.size());
		List<CompletableFuture<Void>> sending = new ArrayList<>();
		for (int lane = 0; lane < lanes; lane++) {
			int first = lane;
			sending.add(CompletableFuture.runAsync(() -> {
				for (int i = first; i < batches.size(); i += lanes) {
					this.queue.sendBatch(batches.get(i));
				}
			}, senders));
		}
		join(CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)));
	}

	private static <T> T join(CompletableFuture<T> future) {
		try {
			return future.join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
	}

	private static void await(Future<?> partition, List<Future<?>> all) {
		try {
			partition.get();
		}
		catch (ExecutionException ex) {
			all.forEach((other) -> other.cancel(true));
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			all.forEach((other) -> other.cancel(true));
			throw new IllegalStateException("Interrupted while crawling", ex);
		}
	}

	/** What this crawler did (the job's counters include earlier crawlers' work). */
	private static final class Tally {

		final AtomicLong listed = new AtomicLong();

		final AtomicLong queued = new AtomicLong();

		final AtomicLong pages = new AtomicLong();

		final AtomicLong sendNanos = new AtomicLong();

		final AtomicLong checkpointNanos = new AtomicLong();

		final AtomicLong listWaitNanos = new AtomicLong();

		/** Where the listers' time went, summed over listers. */
		String breakdown() {
			return "sending " + this.sendNanos.get() / 1_000_000 + " ms, checkpoints "
					+ this.checkpointNanos.get() / 1_000_000 + " ms, waiting for pages "
					+ this.listWaitNanos.get() / 1_000_000 + " ms (summed over listers)";
		}

		void add(long listed, long queued) {
			this.listed.addAndGet(listed);
			this.queued.addAndGet(queued);
			this.pages.incrementAndGet();
		}

	}

}
