package dev.bucketwarden.retro.worker;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import dev.bucketwarden.agent.findings.FindingPublisher;
import dev.bucketwarden.agent.metrics.QueueMeters;
import dev.bucketwarden.agent.metrics.RetroMeters;
import dev.bucketwarden.agent.pipeline.Attempt;
import dev.bucketwarden.agent.pipeline.PipelineResult;
import dev.bucketwarden.agent.pipeline.RescanPolicy;
import dev.bucketwarden.agent.pipeline.RetryableScanException;
import dev.bucketwarden.agent.pipeline.ScanPipeline;
import dev.bucketwarden.agent.request.ScanTarget;
import dev.bucketwarden.agent.storage.ObjectStore;
import dev.bucketwarden.agent.verdictlog.VerdictLog;
import dev.bucketwarden.jobs.Job;
import dev.bucketwarden.jobs.JobState;
import dev.bucketwarden.jobs.JobStore;
import dev.bucketwarden.jobs.Rescan;
import dev.bucketwarden.retro.crawl.RetroMessage;
import dev.bucketwarden.retro.settings.RetroProperties;
import dev.bucketwarden.store.results.ResultStore;
import dev.bucketwarden.store.results.ScanSource;

/**
 * Consumes the retro queue through the event agent's pipeline and counts each result into
 * its job; the objects of a drift check are not scanned but their tags checked against
 * their records ({@link DriftChecker}). A message is deleted only after its result is
 * recorded and counted; a scan that may pass is retried through the message's visibility
 * and, after the last attempt (recorded and counted as an Error), left for the redrive
 * policy to move to the dead-letter queue. At most {@code concurrency} messages are in
 * flight. The worker exits by itself once its job's crawl is finished and the queue
 * stayed empty for the idle time, or at once when its job is cancelled.
 *
 * <p>
 * It polls the queue itself rather than through Spring Cloud AWS's listener container, as
 * the event agent does, because a worker is a task (or process) started for one job and
 * must end: ECS stops a Fargate task, and stops billing it, only when its process exits,
 * which is when the job's crawl is finished and the queue has been empty for the idle
 * time, or at once when the job is cancelled. A listener container polls for as long as
 * the application runs and knows neither the job nor an empty queue; and the worker
 * receives only when one of its scan slots is free, since one message names many objects
 * ({@code crawl.objects-per-message}, 100 by default), each scanned in a slot of its own.
 * The attempt and the retry visibility are the event agent's ({@link Attempt}).
 */
public class RetroWorker {

	private static final Logger logger = LoggerFactory.getLogger(RetroWorker.class);

	private final RetroQueueConsumer queue;

	private final ScanPipeline pipeline;

	private final JobStore jobs;

	private final JobCache cache;

	private final RetroProperties.Worker settings;

	private final DriftChecker drift;

	private final QueueMeters queueMeters;

	private final RetroMeters retroMeters;

	private final String queueName;

	private volatile boolean stopped;

	public RetroWorker(SqsClient sqs, String queueUrl, ScanPipeline pipeline, JobStore jobs,
			RetroProperties.Worker settings, DriftCheck drift) {
		this(sqs, queueUrl, pipeline, jobs, settings, drift, new QueueMeters(new CompositeMeterRegistry()),
				new RetroMeters(new CompositeMeterRegistry()));
	}

	/** A worker that counts its messages in flight, DLQ sends and scanned objects. */
	public RetroWorker(SqsClient sqs, String queueUrl, ScanPipeline pipeline, JobStore jobs,
			RetroProperties.Worker settings, DriftCheck drift, QueueMeters queueMeters, RetroMeters retroMeters) {
		this.queueMeters = queueMeters;
		this.retroMeters = retroMeters;
		this.queueName = queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
		this.queue = new RetroQueueConsumer(sqs, queueUrl, settings.waitTime(), settings.visibilityTimeout());
		this.pipeline = pipeline;
		this.jobs = jobs;
		this.cache = new JobCache(jobs, settings.jobCheck());
		this.settings = settings;
		this.drift = new DriftChecker(drift.store(), drift.results(), drift.publisher(), jobs, drift.clock());
	}

	/** Asks {@link #run} to return after the messages in flight. */
	public void stop() {
		this.stopped = true;
	}

	/**
	 * Works until the job is finished with (or, without a job, until the queue stays
	 * idle).
	 * @param jobId the job the worker was started for, or {@code null}
	 */
	public WorkerExit run(String jobId) {
		Semaphore slots = new Semaphore(this.settings.concurrency());
		AtomicInteger inFlight = new AtomicInteger();
		AtomicLong handled = new AtomicLong();
		long idleSince = System.nanoTime();
		WorkerExit.Reason reason;
		logger.info("Retro worker started for job {} on {}", jobId, this.queue.url());
		try (ExecutorService scans = Executors.newVirtualThreadPerTaskExecutor()) {
			while (true) {
				if (this.stopped) {
					reason = WorkerExit.Reason.STOPPED;
					break;
				}
				Optional<Job> job = (jobId != null) ? this.cache.get(jobId) : Optional.empty();
				if (jobId != null && (job.isEmpty() || job.get().state() == JobState.CANCELLED
						|| job.get().state() == JobState.FAILED)) {
					reason = WorkerExit.Reason.JOB_ENDED;
					break;
				}
				// Receive only when a scan slot is free: the queue holds the backlog.
				slots.acquireUninterruptibly();
				int free = 1 + slots.availablePermits();
				slots.release();
				List<Message> messages = this.queue.receive(Math.min(10, free));
				if (messages.isEmpty()) {
					boolean crawled = jobId == null || job.get().state() != JobState.CRAWLING;
					if (inFlight.get() == 0 && crawled
							&& System.nanoTime() - idleSince >= this.settings.idleTime().toNanos()
							&& this.queue.empty()) {
						if (jobId != null) {
							this.jobs.finishIfComplete(jobId);
						}
						reason = WorkerExit.Reason.IDLE;
						break;
					}
					continue;
				}
				idleSince = System.nanoTime();
				for (Message message : messages) {
					dispatch(message, slots, scans, inFlight, handled);
				}
			}
		}
		logger.info("Retro worker for job {} exits ({}) after {} objects", jobId, reason, handled.get());
		return new WorkerExit(reason, handled.get());
	}

	/**
	 * Scans the message's objects, each in a slot of its own; the last one to finish
	 * settles the message: deleted when every object has its result, otherwise back after
	 * the backoff (or, after the last attempt, on to the dead-letter queue).
	 */
	private void dispatch(Message message, Semaphore slots, ExecutorService scans, AtomicInteger inFlight,
			AtomicLong handled) {
		RetroMessage retro;
		try {
			retro = RetroMessage.fromJson(message.body());
		}
		catch (IllegalArgumentException ex) {
			// Poison: back at once, so the redrive policy moves it to the DLQ after its
			// receives.
			logger.error("Not a retro message {}: {}", message.messageId(), ex.getMessage());
			this.queue.changeVisibility(message, 0);
			if (Attempt
				.ofReceiveCount(message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT),
						this.settings.maxAttempts())
				.last()) {
				this.queueMeters.deadLettered(QueueMeters.DeadLetterReason.POISON);
			}
			return;
		}
		Optional<Job> job = this.cache.get(retro.jobId());
		if (job.isEmpty() || job.get().state().terminal()) {
			logger.info("Dropping {} objects of job {}: it is {}", retro.objects().size(), retro.jobId(),
					job.map((j) -> j.state().name()).orElse("gone"));
			this.queue.delete(message);
			return;
		}
		Attempt attempt = Attempt.ofReceiveCount(
				message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT),
				this.settings.maxAttempts());
		RescanPolicy policy = policy(job.get().spec().rescan());
		boolean driftCheck = job.get().spec().driftCheck();
		AtomicInteger left = new AtomicInteger(retro.objects().size());
		AtomicBoolean failed = new AtomicBoolean();
		// Counted until the message is settled, by whichever of its objects finishes
		// last.
		QueueMeters.InFlight working = this.queueMeters.working(this.queueName);
		if (retro.objects().isEmpty()) {
			working.close();
		}
		for (RetroMessage.Target object : retro.objects()) {
			slots.acquireUninterruptibly();
			inFlight.incrementAndGet();
			scans.submit(() -> {
				// The message id goes on the verdict log's line.
				MDC.put(VerdictLog.MESSAGE_ID, message.messageId());
				try {
					boolean done = driftCheck ? this.drift.check(retro.jobId(), object, attempt)
							: scan(retro.jobId(), object, attempt, policy);
					if (done) {
						handled.incrementAndGet();
					}
					else {
						failed.set(true);
					}
				}
				catch (RuntimeException ex) {
					logger.warn("Retro object {} of job {} not handled, its message comes back: {}", object.objectId(),
							retro.jobId(), ex.getMessage(), ex);
					failed.set(true);
				}
				finally {
					slots.release();
					if (left.decrementAndGet() == 0) {
						settle(message, retro.jobId(), failed.get(), attempt);
						working.close();
					}
					inFlight.decrementAndGet();
					MDC.remove(VerdictLog.MESSAGE_ID);
				}
			});
		}
	}

	/**
	 * Scans one object and counts its result into the job.
	 * @return whether it has its result (false: scan it again later)
	 */
	private boolean scan(String jobId, RetroMessage.Target object, Attempt attempt, RescanPolicy policy) {
		if (attempt.number() > 1 && this.jobs.ledger().hasObject(jobId, object.objectId())) {
			// Done by an earlier delivery of its message, whose other objects were not.
			return true;
		}
		ScanTarget target = new ScanTarget(object.bucket(), object.key(), object.versionId(), object.eTag(),
				ScanSource.RETRO);
		try {
			PipelineResult result = this.pipeline.process(target, attempt, policy);
			this.jobs.ledger().recordObject(jobId, object.objectId(), Outcomes.label(result), Outcomes.counts(result));
			this.retroMeters.count(jobId, RetroMeters.Stage.SCANNED, 1);
			return true;
		}
		catch (RetryableScanException ex) {
			if (attempt.last()) {
				logger.error("Last attempt for {} failed, its message goes to the DLQ: {}", target.describe(),
						ex.getMessage());
				this.jobs.ledger().recordObject(jobId, object.objectId(), "Error", Outcomes.lastAttemptFailed());
			}
			else {
				logger.warn("Scan of {} failed (attempt {}), retried later: {}", target.describe(), attempt.number(),
						ex.getMessage());
			}
			return false;
		}
	}

	private void settle(Message message, String jobId, boolean failed, Attempt attempt) {
		if (!failed) {
			this.queue.delete(message);
			Optional<Job> job = this.cache.get(jobId);
			if (job.isPresent() && job.get().state() == JobState.SCANNING) {
				this.jobs.finishIfComplete(jobId);
			}
		}
		else {
			// worker.retry-backoff is a fixed backoff, not the event agent's doubling
			// one.
			this.queue.changeVisibility(message,
					attempt.retryVisibilitySeconds(this.settings.retryBackoff(), this.settings.retryBackoff()));
			if (attempt.last()) {
				this.queueMeters.deadLettered(QueueMeters.DeadLetterReason.ATTEMPTS_EXHAUSTED);
			}
		}
	}

	/**
	 * What a worker needs for drift checks.
	 *
	 * @param store reads HEAD and tags
	 * @param results the results table
	 * @param publisher the deployment's finding publishers
	 * @param clock when a drift was found
	 */
	public record DriftCheck(ObjectStore store, ResultStore results, FindingPublisher publisher, Clock clock) {
	}

	static RescanPolicy policy(Rescan rescan) {
		return switch (rescan.mode()) {
			case IF_UNSCANNED -> RescanPolicy.NEVER;
			case ALWAYS -> RescanPolicy.ALWAYS;
			case SIGNATURES_BEFORE -> RescanPolicy.signaturesBefore(rescan.signaturesBefore());
		};
	}

}
