package dev.bucketwarden.retro.worker;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import dev.bucketwarden.agent.pipeline.Attempt;
import dev.bucketwarden.agent.pipeline.PipelineResult;
import dev.bucketwarden.agent.pipeline.RescanPolicy;
import dev.bucketwarden.agent.pipeline.RetryableScanException;
import dev.bucketwarden.agent.pipeline.ScanPipeline;
import dev.bucketwarden.agent.request.ScanTarget;
import dev.bucketwarden.retro.RetroProperties;
import dev.bucketwarden.retro.crawl.RetroMessage;
import dev.bucketwarden.retro.job.Job;
import dev.bucketwarden.retro.job.JobState;
import dev.bucketwarden.retro.job.JobStore;
import dev.bucketwarden.retro.job.Rescan;

/**
 * Consumes the retro queue through the event agent's pipeline and counts each result into
 * its job. A message is deleted only after its result is recorded and counted; a scan
 * that may pass is retried through the message's visibility and, after the last attempt
 * (recorded and counted as an Error), left for the redrive policy to move to the
 * dead-letter queue. At most {@code concurrency} messages are in flight. The worker exits
 * by itself once its job's crawl is finished and the queue stayed empty for the idle
 * time, or at once when its job is cancelled.
 */
public class RetroWorker {

	private static final Logger logger = LoggerFactory.getLogger(RetroWorker.class);

	private final SqsClient sqs;

	private final String queueUrl;

	private final ScanPipeline pipeline;

	private final JobStore jobs;

	private final JobCache cache;

	private final RetroProperties.Worker settings;

	private volatile boolean stopped;

	public RetroWorker(SqsClient sqs, String queueUrl, ScanPipeline pipeline, JobStore jobs,
			RetroProperties.Worker settings) {
		this.sqs = sqs;
		this.queueUrl = queueUrl;
		this.pipeline = pipeline;
		this.jobs = jobs;
		this.cache = new JobCache(jobs, settings.jobCheck());
		this.settings = settings;
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
		logger.info("Retro worker started for job {} on {}", jobId, this.queueUrl);
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
				int free = acquireUpTo(slots, 10);
				List<Message> messages = receive(free);
				slots.release(free - messages.size());
				if (messages.isEmpty()) {
					boolean crawled = jobId == null || job.get().state() != JobState.CRAWLING;
					if (inFlight.get() == 0 && crawled
							&& System.nanoTime() - idleSince >= this.settings.idleTime().toNanos() && queueEmpty()) {
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
					inFlight.incrementAndGet();
					scans.submit(() -> {
						try {
							handle(message);
							handled.incrementAndGet();
						}
						catch (RuntimeException ex) {
							logger.warn("Retro message {} not handled, it comes back: {}", message.messageId(),
									ex.getMessage(), ex);
						}
						finally {
							inFlight.decrementAndGet();
							slots.release();
						}
					});
				}
			}
		}
		logger.info("Retro worker for job {} exits ({}) after {} messages", jobId, reason, handled.get());
		return new WorkerExit(reason, handled.get());
	}

	private void handle(Message message) {
		RetroMessage retro;
		try {
			retro = RetroMessage.fromJson(message.body());
		}
		catch (IllegalArgumentException ex) {
			// Poison: back at once, so the redrive policy moves it to the DLQ after its
			// receives.
			logger.error("Not a retro message {}: {}", message.messageId(), ex.getMessage());
			changeVisibility(message, 0);
			return;
		}
		Optional<Job> job = this.cache.get(retro.jobId());
		if (job.isEmpty() || job.get().state().terminal()) {
			logger.info("Dropping s3://{}/{}: job {} is {}", retro.bucket(), retro.key(), retro.jobId(),
					job.map((j) -> j.state().name()).orElse("gone"));
			delete(message);
			return;
		}
		Attempt attempt = new Attempt(receiveCount(message), this.settings.maxAttempts());
		ScanTarget target = new ScanTarget(retro.bucket(), retro.key(), retro.versionId(), retro.eTag(),
				ScanTarget.Source.RETRO);
		try {
			PipelineResult result = this.pipeline.process(target, attempt, policy(job.get().spec().rescan()));
			this.jobs.recordObject(retro.jobId(), retro.objectId(), Outcomes.label(result), Outcomes.counts(result));
		}
		catch (RetryableScanException ex) {
			if (attempt.last()) {
				logger.error("Last attempt for {} failed, it goes to the DLQ: {}", target.describe(), ex.getMessage());
				this.jobs.recordObject(retro.jobId(), retro.objectId(), "Error", Outcomes.lastAttemptFailed());
				changeVisibility(message, 0);
			}
			else {
				logger.warn("Scan of {} failed (attempt {}), retried later: {}", target.describe(), attempt.number(),
						ex.getMessage());
				changeVisibility(message, (int) this.settings.retryBackoff().toSeconds());
			}
			return;
		}
		delete(message);
		if (job.get().state() == JobState.SCANNING) {
			this.jobs.finishIfComplete(retro.jobId());
		}
	}

	static RescanPolicy policy(Rescan rescan) {
		return switch (rescan.mode()) {
			case IF_UNSCANNED -> RescanPolicy.NEVER;
			case ALWAYS -> RescanPolicy.ALWAYS;
			case SIGNATURES_BEFORE -> RescanPolicy.signaturesBefore(rescan.signaturesBefore());
		};
	}

	private List<Message> receive(int max) {
		try {
			return this.sqs
				.receiveMessage((request) -> request.queueUrl(this.queueUrl)
					.maxNumberOfMessages(max)
					.waitTimeSeconds((int) this.settings.waitTime().toSeconds())
					.visibilityTimeout((int) this.settings.visibilityTimeout().toSeconds())
					.messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
				.messages();
		}
		catch (SdkException ex) {
			logger.warn("Receiving from the retro queue failed: {}", ex.getMessage());
			return List.of();
		}
	}

	/**
	 * No message waiting and none in flight anywhere (another worker's may come back).
	 */
	private boolean queueEmpty() {
		Map<QueueAttributeName, String> attributes = this.sqs
			.getQueueAttributes((request) -> request.queueUrl(this.queueUrl)
				.attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
						QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
						QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
			.attributes();
		return attributes.values().stream().allMatch("0"::equals);
	}

	private void delete(Message message) {
		this.sqs.deleteMessage((request) -> request.queueUrl(this.queueUrl).receiptHandle(message.receiptHandle()));
	}

	private void changeVisibility(Message message, int seconds) {
		this.sqs.changeMessageVisibility((request) -> request.queueUrl(this.queueUrl)
			.receiptHandle(message.receiptHandle())
			.visibilityTimeout(seconds));
	}

	private static int acquireUpTo(Semaphore slots, int max) {
		slots.acquireUninterruptibly();
		int more = 0;
		while (more < max - 1 && slots.tryAcquire()) {
			more++;
		}
		return 1 + more;
	}

	private static int receiveCount(Message message) {
		String count = message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
		try {
			return (count != null) ? Integer.parseInt(count) : 1;
		}
		catch (NumberFormatException ex) {
			return 1;
		}
	}

}
