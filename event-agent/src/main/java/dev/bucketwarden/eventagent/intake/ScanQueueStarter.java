package dev.bucketwarden.eventagent.intake;

import java.time.Duration;

import io.awspring.cloud.sqs.listener.MessageListenerContainer;
import io.awspring.cloud.sqs.listener.MessageListenerContainerRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Starts the scan queue's listener, and keeps trying while SQS does not answer. The
 * listener asks SQS for the queue's URL when it starts; started with the application, one
 * slow or failed answer (an SQS brown-out, a restart on a loaded host) failed the whole
 * start and the agent exited. Its container is therefore not started with the others
 * ({@code autoStartup} off in {@link EventAgentConfiguration}) but here, on a thread of
 * its own, again after a back-off that doubles from {@value #FIRST_BACKOFF_SECONDS} s up
 * to {@value #MAX_BACKOFF_SECONDS} s, until it runs or the application stops. Nothing is
 * received before that, so nothing is lost by waiting.
 */
final class ScanQueueStarter implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ScanQueueStarter.class);

	private static final long FIRST_BACKOFF_SECONDS = 1;

	private static final long MAX_BACKOFF_SECONDS = 30;

	private final MessageListenerContainerRegistry registry;

	private volatile @Nullable Thread starter;

	ScanQueueStarter(MessageListenerContainerRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void start() {
		// Not a daemon: while it tries, it is what the agent is running for.
		this.starter = Thread.ofPlatform().daemon(false).name("scan-queue-starter").start(this::startContainers);
	}

	private void startContainers() {
		for (MessageListenerContainer<?> container : this.registry.getListenerContainers()) {
			Duration backoff = Duration.ofSeconds(FIRST_BACKOFF_SECONDS);
			for (int attempt = 1; !container.isRunning() && !Thread.currentThread().isInterrupted(); attempt++) {
				try {
					container.start();
				}
				catch (RuntimeException ex) {
					logger.warn("The scan queue's listener {} did not start (attempt {}), trying again in {}: {}",
							container.getId(), attempt, backoff, ex.toString());
					// A container that failed to start still counts itself running.
					stopQuietly(container);
					if (!sleep(backoff)) {
						return;
					}
					backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(MAX_BACKOFF_SECONDS)) > 0
							? Duration.ofSeconds(MAX_BACKOFF_SECONDS) : backoff.multipliedBy(2);
				}
			}
		}
	}

	private static void stopQuietly(MessageListenerContainer<?> container) {
		try {
			container.stop();
		}
		catch (RuntimeException ex) {
			logger.debug("Stopping the listener {} after its failed start failed too", container.getId(), ex);
		}
	}

	private static boolean sleep(Duration backoff) {
		try {
			Thread.sleep(backoff);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public void stop() {
		Thread thread = this.starter;
		if (thread != null) {
			thread.interrupt();
			this.starter = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.starter != null;
	}

	/** After the listener registry (which leaves this container alone) has started. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

}
