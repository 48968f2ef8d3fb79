package dev.bucketwarden.engine.spi.io;

import java.time.Duration;

/**
 * Deadlines as {@link System#nanoTime()} values, the form {@link DeadlineChannel} and
 * {@link ScanPermits} take. A scan's deadline is computed once, at its start, so that
 * waiting for a permit, connecting and every read and write share one budget.
 */
public final class Deadlines {

	private Deadlines() {
	}

	/**
	 * The {@link System#nanoTime()} at which {@code timeout} from now has passed. A
	 * timeout too long to add without overflow (such as a configured "forever") is capped
	 * at about 146 years, so that comparisons with {@code nanoTime()} stay right.
	 */
	public static long after(Duration timeout) {
		long now = System.nanoTime();
		long nanos = timeout.toNanos();
		return (nanos > Long.MAX_VALUE / 2) ? now + Long.MAX_VALUE / 2 : now + nanos;
	}

}
