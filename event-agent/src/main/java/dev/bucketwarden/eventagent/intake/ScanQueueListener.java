package dev.bucketwarden.eventagent.intake;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.annotation.SqsListenerAcknowledgementMode;
import io.awspring.cloud.sqs.listener.SqsHeaders;
import io.awspring.cloud.sqs.listener.Visibility;
import io.awspring.cloud.sqs.listener.acknowledgement.Acknowledgement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

import dev.bucketwarden.agent.metrics.QueueMeters;
import dev.bucketwarden.agent.pipeline.Attempt;
import dev.bucketwarden.agent.pipeline.RetryableScanException;
import dev.bucketwarden.agent.pipeline.ScanPipeline;
import dev.bucketwarden.agent.request.ScanTarget;
import dev.bucketwarden.agent.trust.TrustProperties;
import dev.bucketwarden.agent.verdictlog.VerdictLog;

/**
 * Consumes the scan queue. A message is acknowledged only after every object it names was
 * scanned, tagged, remediated, recorded and published; anything that may pass is thrown,
 * so the message comes back after a backoff and, after the last attempt, goes to the
 * dead-letter queue.
 */
@Component
class ScanQueueListener {

	private static final Logger logger = LoggerFactory.getLogger(ScanQueueListener.class);

	private final ScanPipeline pipeline;

	private final DeadLetters deadLetters;

	private final VisibilityExtender visibilityExtender;

	private final EventAgentProperties properties;

	private final EnvelopeTrust trust;

	private final QueueMeters meters;

	private final String queueName;

	ScanQueueListener(ScanPipeline pipeline, DeadLetters deadLetters, VisibilityExtender visibilityExtender,
			EventAgentProperties properties, TrustProperties trust, QueueMeters meters) {
		this.meters = meters;
		// The tag is the queue's name, the same whether the setting is a name or a URL.
		this.queueName = properties.queue().substring(properties.queue().lastIndexOf('/') + 1);
		this.pipeline = pipeline;
		this.deadLetters = deadLetters;
		this.visibilityExtender = visibilityExtender;
		this.properties = properties;
		this.trust = new EnvelopeTrust(trust);
	}

	@SqsListener(value = "${bucketwarden.event-agent.queue}", factory = EventAgentConfiguration.CONTAINER_FACTORY,
			acknowledgementMode = SqsListenerAcknowledgementMode.MANUAL)
	void onMessage(Message<String> message, Acknowledgement acknowledgement, Visibility visibility) throws Exception {
		// The message id goes on the verdict log's line (and any other line logged
		// meanwhile).
		try (QueueMeters.InFlight working = this.meters.working(this.queueName);
				MDC.MDCCloseable id = MDC.putCloseable(VerdictLog.MESSAGE_ID,
						String.valueOf(message.getHeaders().getId()))) {
			receive(message, acknowledgement, visibility);
		}
	}

	private void receive(Message<String> message, Acknowledgement acknowledgement, Visibility visibility)
			throws Exception {
		Attempt attempt = Attempt.ofReceiveCount(
				message.getHeaders().get(SqsHeaders.MessageSystemAttributes.SQS_APPROXIMATE_RECEIVE_COUNT),
				this.properties.maxAttempts());
		switch (EnvelopeParser.parse(message.getPayload(), this.trust)) {
			case Envelope.Ignored ignored -> {
				logger.info("Ignoring message {}: {}", message.getHeaders().getId(), ignored.reason());
				acknowledgement.acknowledge();
			}
			case Envelope.Poison poison -> {
				logger.error("Poison message {} moved to the dead-letter queue: {}", message.getHeaders().getId(),
						poison.reason());
				this.deadLetters.send(message.getPayload(), poison.reason());
				this.meters.deadLettered(QueueMeters.DeadLetterReason.POISON);
				acknowledgement.acknowledge();
			}
			case Envelope.Targets targets -> {
				try (AutoCloseable extension = this.visibilityExtender.extend(visibility,
						targets.targets().getFirst().describe())) {
					for (ScanTarget target : targets.targets()) {
						this.pipeline.process(target, attempt);
					}
				}
				catch (RetryableScanException ex) {
					retryLater(attempt, visibility, ex);
					return;
				}
				acknowledgement.acknowledge();
			}
		}
	}

	/**
	 * An expected failure (an engine down, S3 or DynamoDB unavailable): one log line, and
	 * the message comes back after a backoff that doubles with each attempt, or, after
	 * the last one, at once, so the queue's redrive policy moves it to the dead-letter
	 * queue. Unexpected exceptions still reach the container's error handler with their
	 * stack.
	 */
	private void retryLater(Attempt attempt, Visibility visibility, RetryableScanException ex) {
		if (attempt.last()) {
			logger.error("Giving up after attempt {} of {}, to the dead-letter queue: {}", attempt.number(),
					attempt.maxAttempts(), ex.getMessage());
			visibility.changeTo(0);
			this.meters.deadLettered(QueueMeters.DeadLetterReason.ATTEMPTS_EXHAUSTED);
			return;
		}
		int seconds = attempt.retryVisibilitySeconds(this.properties.retryBackoffInitial(),
				this.properties.retryBackoffMax());
		logger.warn("Attempt {} of {} failed, retrying in {} s: {}", attempt.number(), attempt.maxAttempts(), seconds,
				ex.getMessage());
		visibility.changeTo(seconds);
	}

}
