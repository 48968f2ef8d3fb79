package dev.bucketwarden.eventagent.intake;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.awspring.cloud.sqs.listener.Visibility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Keeps a message invisible while its scan runs: every half visibility timeout the
 * timeout is renewed, so a long scan is not handed to a second agent, and a crashed
 * agent's message comes back within one timeout.
 */
@Component
class VisibilityExtender implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(VisibilityExtender.class);

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "sqs-visibility-extender");
		thread.setDaemon(true);
		return thread;
	});

	private final Duration timeout;

	VisibilityExtender(EventAgentProperties properties) {
		this.timeout = properties.visibilityTimeout();
	}

	/** Starts renewing; close the returned handle when the scan is done. */
	AutoCloseable extend(Visibility visibility, String description) {
		return extend(visibility, description, this.timeout);
	}

	/**
	 * Starts renewing to a queue's own timeout (the large-object queue's); close the
	 * returned handle when the scan is done.
	 */
	AutoCloseable extend(Visibility visibility, String description, Duration timeout) {
		// SQS counts visibility in whole seconds; renewing at half the timeout leaves
		// half of
		// it for a slow ChangeMessageVisibility call.
		int seconds = (int) Math.clamp(timeout.toSeconds(), 1, 43_200);
		long period = Math.max(100, seconds * 1000L / 2);
		ScheduledFuture<?> task = this.scheduler.scheduleAtFixedRate(() -> {
			try {
				visibility.changeTo(seconds);
			}
			catch (RuntimeException ex) {
				logger.warn("Cannot extend the visibility of the message for {}: {}", description, ex.getMessage());
			}
		}, period, period, TimeUnit.MILLISECONDS);
		return () -> task.cancel(false);
	}

	@Override
	public void destroy() {
		this.scheduler.shutdownNow();
	}

}
