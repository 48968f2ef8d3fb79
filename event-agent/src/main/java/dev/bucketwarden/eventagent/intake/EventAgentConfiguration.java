package dev.bucketwarden.eventagent.intake;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.awspring.cloud.sqs.config.SqsMessageListenerContainerFactory;
import io.awspring.cloud.sqs.listener.MessageListenerContainerRegistry;
import io.awspring.cloud.sqs.listener.SqsContainerOptionsBuilder;
import io.awspring.cloud.sqs.listener.acknowledgement.handler.AcknowledgementMode;
import io.awspring.cloud.sqs.listener.backpressure.BackPressureHandlerFactories;
import io.awspring.cloud.sqs.listener.errorhandler.ExponentialBackoffErrorHandler;
import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.bucketwarden.agent.config.LargeObjectsProperties;
import dev.bucketwarden.agent.health.EngineHealth;

/**
 * The scan queue's listener container: manual acknowledgement, at most
 * {@code concurrency} messages in flight (backpressure instead of an unbounded queue in
 * memory), retries through visibility with exponential backoff, and a shutdown that waits
 * for scans in flight. With {@code pause-intake} set, it also stops polling while the
 * engines cannot give verdicts ({@link IntakeGate}).
 */
@Configuration(proxyBeanMethods = false)
class EventAgentConfiguration {

	static final String CONTAINER_FACTORY = "scanQueueContainerFactory";

	static final String LARGE_OBJECT_CONTAINER_FACTORY = "largeObjectQueueContainerFactory";

	@Bean
	IntakeGate intakeGate(EngineHealth health, EventAgentProperties properties, MeterRegistry meters) {
		return new IntakeGate(health, properties.pauseIntake(), meters);
	}

	@Bean
	ScanQueueStarter scanQueueStarter(MessageListenerContainerRegistry registry) {
		return new ScanQueueStarter(registry);
	}

	/**
	 * The large-object queue's container, when one is configured: as the scan queue's,
	 * with the parts' own concurrency and visibility timeout.
	 */
	@Bean(LARGE_OBJECT_CONTAINER_FACTORY)
	@ConditionalOnExpression("'${bucketwarden.large-objects.queue-url:}' != ''")
	SqsMessageListenerContainerFactory<Object> largeObjectQueueContainerFactory(SqsAsyncClient sqs,
			LargeObjectsProperties large, EventAgentProperties properties) {
		return manualAcknowledgement(sqs, properties, large.concurrency(), large.visibilityTimeout(), (options) -> {
		});
	}

	@Bean(CONTAINER_FACTORY)
	SqsMessageListenerContainerFactory<Object> scanQueueContainerFactory(SqsAsyncClient sqs,
			EventAgentProperties properties, IntakeGate gate) {
		return manualAcknowledgement(sqs, properties, properties.concurrency(), properties.visibilityTimeout(),
				(options) -> {
					if (properties.pauseIntake() != PauseIntake.NEVER) {
						// Asked before the container's own concurrency limit, so a closed
						// gate holds no permits.
						options.backPressureHandlerFactory(
								BackPressureHandlerFactories.compositeBackPressureHandler((containerOptions) -> gate,
										BackPressureHandlerFactories.adaptiveThroughputBackPressureHandler()));
					}
				});
	}

	/**
	 * A container factory both queues share: started by {@link ScanQueueStarter} (which
	 * tries again while SQS does not answer), each message acknowledged by the listener
	 * once its work is recorded, a failed one retried with exponential backoff through
	 * its visibility timeout.
	 */
	private static SqsMessageListenerContainerFactory<Object> manualAcknowledgement(SqsAsyncClient sqs,
			EventAgentProperties properties, int concurrency, Duration visibility,
			Consumer<SqsContainerOptionsBuilder> queueOptions) {
		return SqsMessageListenerContainerFactory.builder().sqsAsyncClient(sqs).configure((options) -> {
			queueOptions.accept(options);
			options.autoStartup(false)
				.acknowledgementMode(AcknowledgementMode.MANUAL)
				.maxConcurrentMessages(concurrency)
				.maxMessagesPerPoll(Math.min(10, concurrency))
				.messageVisibility(visibility)
				.listenerShutdownTimeout(properties.shutdownTimeout())
				.messageSystemAttributeNames(List.of(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
		})
			.errorHandler(ExponentialBackoffErrorHandler.builder()
				.initialVisibilityTimeoutSeconds((int) Math.max(1, properties.retryBackoffInitial().toSeconds()))
				.multiplier(2)
				.maxVisibilityTimeoutSeconds((int) Math.max(1, properties.retryBackoffMax().toSeconds()))
				.build())
			.build();
	}

}
