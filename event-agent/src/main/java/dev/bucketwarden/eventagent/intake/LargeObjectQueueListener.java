package dev.bucketwarden.eventagent.intake;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.annotation.SqsListenerAcknowledgementMode;
import io.awspring.cloud.sqs.listener.SqsHeaders;
import io.awspring.cloud.sqs.listener.Visibility;
import io.awspring.cloud.sqs.listener.acknowledgement.Acknowledgement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

import dev.bucketwarden.agent.config.LargeObjectsProperties;
import dev.bucketwarden.agent.large.PartMessage;
import dev.bucketwarden.agent.metrics.QueueMeters;
import dev.bucketwarden.agent.pipeline.Attempt;
import dev.bucketwarden.agent.pipeline.RetryableScanException;
import dev.bucketwarden.agent.pipeline.ScanPipeline;
import dev.bucketwarden.agent.verdictlog.VerdictLog;

/**
 * Consumes the large-object queue (docs/large-objects.md): one part of a large object per
 * message. Acknowledged once the pipeline has counted the part (or decided and finished
 * its job); the message stays invisible while the part is scanned; a failure that may
 * pass comes back after a backoff, and after the last attempt goes to the dead-letter
 * queue (the pipeline has decided the job Error by then).
 */
@Component
@ConditionalOnExpression("'${bucketwarden.large-objects.queue-url:}' != ''")
class LargeObjectQueueListener {

	private static final Logger logger = LoggerFactory.getLogger(LargeObjectQueueListener.class);

	private final ScanPipeline pipeline;

	private final VisibilityExtender visibilityExtender;

	private final LargeObjectsProperties large;

	private final EventAgentProperties properties;

	private final QueueMeters meters;

	private final String queueName;

	LargeObjectQueueListener(ScanPipeline pipeline, VisibilityExtender visibilityExtender, LargeObjectsProperties large,
			EventAgentProperties properties, QueueMeters meters) {
		this.pipeline = pipeline;
		this.visibilityExtender = visibilityExtender;
		this.large = large;
		this.properties = properties;
		this.meters = meters;
		String url = large.queueUrl();
		this.queueName = url.substring(url.lastIndexOf('/') + 1);
	}

	@SqsListener(value = "${bucketwarden.large-objects.queue-url}",
			factory = EventAgentConfiguration.LARGE_OBJECT_CONTAINER_FACTORY,
			acknowledgementMode = SqsListenerAcknowledgementMode.MANUAL)
	void onMessage(Message<String> message, Acknowledgement acknowledgement, Visibility visibility) throws Exception {
		try (QueueMeters.InFlight working = this.meters.working(this.queueName);
				MDC.MDCCloseable id = MDC.putCloseable(VerdictLog.MESSAGE_ID,
						String.valueOf(message.getHeaders().getId()))) {
			receive(message, acknowledgement, visibility);
		}
	}

	private void receive(Message<String> message, Acknowledgement acknowledgement, Visibility visibility)
			throws Exception {
		PartMessage part;
		try {
			part = PartMessage.decode(message.getPayload());
		}
		catch (IllegalArgumentException ex) {
			// Only the agents write this queue: nothing to retry, nothing to scan.
			logger.error("Dropping message {} of the large-object queue: {}", message.getHeaders().getId(),
					ex.getMessage());
			this.meters.deadLettered(QueueMeters.DeadLetterReason.POISON);
			acknowledgement.acknowledge();
			return;
		}
		Attempt attempt = Attempt.ofReceiveCount(
				message.getHeaders().get(SqsHeaders.MessageSystemAttributes.SQS_APPROXIMATE_RECEIVE_COUNT),
				this.large.maxAttempts());
		try (AutoCloseable extension = this.visibilityExtender.extend(visibility, part.describe(),
				this.large.visibilityTimeout())) {
			this.pipeline.processPart(part, attempt);
		}
		catch (RetryableScanException ex) {
			if (attempt.last()) {
				logger.error("Giving up on {} after attempt {} of {}, to the dead-letter queue: {}", part.describe(),
						attempt.number(), attempt.maxAttempts(), ex.getMessage());
				visibility.changeTo(0);
				this.meters.deadLettered(QueueMeters.DeadLetterReason.ATTEMPTS_EXHAUSTED);
				return;
			}
			int seconds = attempt.retryVisibilitySeconds(this.properties.retryBackoffInitial(),
					this.properties.retryBackoffMax());
			logger.warn("Attempt {} of {} for {} failed, retrying in {} s: {}", attempt.number(), attempt.maxAttempts(),
					part.describe(), seconds, ex.getMessage());
			visibility.changeTo(seconds);
			return;
		}
		acknowledgement.acknowledge();
	}

}
