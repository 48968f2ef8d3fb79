package dev.bucketwarden.engine.spi;

import java.time.Duration;

/**
 * Limits of one scan set by policy (bucket settings, API limits). Engines apply their own
 * limits on top; the tighter one wins.
 *
 * @param maxBytes content longer than this is unscannable (too large), never clean
 * @param timeout how long one engine may take for this content
 */
public record ScanLimits(long maxBytes, Duration timeout) {

	/** No size limit beyond the engines' own, and a generous time limit. */
	public static final ScanLimits DEFAULT = new ScanLimits(Long.MAX_VALUE, Duration.ofMinutes(10));

	public ScanLimits {
		if (maxBytes < 0) {
			throw new IllegalArgumentException("maxBytes must not be negative");
		}
		if (timeout == null || timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("timeout must be positive");
		}
	}

}
