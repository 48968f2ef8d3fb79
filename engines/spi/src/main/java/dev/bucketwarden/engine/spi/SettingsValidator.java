package dev.bucketwarden.engine.spi;

import java.time.Duration;

/**
 * The checks that the engines' settings records share, with one wording for each, so that
 * a wrong setting reads the same whichever engine it belongs to. Each names the setting
 * by its kebab-case key, as the operator wrote it.
 */
public final class SettingsValidator {

	/** The smallest and the largest chunk an engine streams content in. */
	private static final int MIN_CHUNK_SIZE = 1024;

	private static final int MAX_CHUNK_SIZE = 8 << 20;

	private SettingsValidator() {
	}

	/**
	 * Requires a TCP port.
	 * @param daemon how the message names the daemon, e.g. {@code clamd}
	 */
	public static void requirePort(int port, String daemon) {
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException(daemon + " port must be 1-65535, was " + port);
		}
	}

	/** Requires a duration longer than zero. */
	public static void requirePositive(Duration duration, String name) {
		if (duration == null || duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be positive");
		}
	}

	/** Requires a size or count above zero. */
	public static void requirePositive(long value, String name) {
		if (value < 1) {
			throw new IllegalArgumentException(name + " must be positive");
		}
	}

	/** Requires a {@code chunk-size} between 1KB and 8MB. */
	public static void requireChunkSize(int chunkSize) {
		if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
			throw new IllegalArgumentException("chunk-size must be between 1KB and 8MB");
		}
	}

}
