package dev.bucketwarden.bench.support;

import java.time.Duration;

/**
 * A pause between polls of a running benchmark (queues, CPU samples): an interrupt ends
 * the benchmark.
 */
public final class Pause {

	private Pause() {
	}

	public static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
