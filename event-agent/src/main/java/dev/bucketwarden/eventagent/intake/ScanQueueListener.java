package dev.bucketwarden.eventagent.intake;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.annotation.SqsListenerAcknowledgementMode;
import io.awspring.cloud.sqs.listener.SqsHeaders;
import io.awspring.cloud.sqs.listener.Visibility;
import io.awspring.cloud.sqs.listener.acknowledgement.Acknowledgement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

import dev.bucketwarden.agent.pipeline.Attempt;
import dev.bucketwarden.agent.pipeline.ScanPipeline;
import dev.bucketwarden.agent.request.ScanTarget;

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

	private final int maxAttempts;

	ScanQueueListener(ScanPipeline pipeline, DeadLetters deadLetters, VisibilityExtender visibilityExtender,
			EventAgentProperties properties) {
		this.pipeline = pipeline;
		this.deadLetters = deadLetters;
		this.visibilityExtender = visibilityExtender;
		this.maxAttempts = properties.maxAttempts();
	}

	@SqsListener(value = "${bucketwarden.event-agent.queue}", factory = EventAgentConfiguration.CONTAINER_FACTORY,
			acknowledgementMode = SqsListenerAcknowledgementMode.MANUAL)
	void onMessage(Message<String> message, Acknowledgement acknowledgement, Visibility visibility) throws Exception {
		Attempt attempt = new Attempt(receiveCount(message), this.maxAttempts);
		switch (EnvelopeParser.parse(message.getPayload())) {
			case Envelope.Ignored ignored -> {
				logger.info("Ignoring message {}: {}", message.getHeaders().getId(), ignored.reason());
				acknowledgement.acknowledge();
			}
			case Envelope.Poison poison -> {
				logger.error("Poison message {} moved to the dead-letter queue: {}", message.getHeaders().getId(),
						poison.reason());
				this.deadLetters.send(message.getPayload(), poison.reason());
				acknowledgement.acknowledge();
			}
			case Envelope.Targets targets -> {
				try (AutoCloseable extension = this.visibilityExtender.extend(visibility,
						targets.targets().getFirst().describe())) {
					for (ScanTarget target : targets.targets()) {
						this.pipeline.process(target, attempt);
					}
				}
				acknowledgement.acknowledge();
			}
		}
	}

	private static int receiveCount(Message<String> message) {
		Object count = message.getHeaders().get(SqsHeaders.MessageSystemAttributes.SQS_APPROXIMATE_RECEIVE_COUNT);
		try {
			return (count != null) ? Integer.parseInt(count.toString()) : 1;
		}
		catch (NumberFormatException ex) {
			return 1;
		}
	}

}
