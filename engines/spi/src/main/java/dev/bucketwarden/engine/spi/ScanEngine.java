package dev.bucketwarden.engine.spi;

import java.io.InputStream;

/**
 * A malware scanning engine. Implementations are thread-safe and bound their own
 * concurrency; they never see S3, SQS or Spring.
 */
public interface ScanEngine extends AutoCloseable {

	/** The id this engine is configured under, such as {@code clamav}. */
	String id();

	/**
	 * Scans the content to its end (or until a limit says it is unscannable). Must not
	 * close {@code content}.
	 * @return the verdict; never {@link Verdict.Error}, failures are thrown
	 * @throws EngineException when the engine or the content source fails
	 */
	Verdict scan(InputStream content, ScanContext context);

	/** The last known version information, without a round trip to the engine. */
	EngineInfo info();

	/**
	 * Checks the engine is up and refreshes its version information.
	 * @throws EngineException when the engine cannot be reached or answers wrongly
	 */
	EngineInfo probe();

	/**
	 * Whether this engine itself never runs much past its context's
	 * {@link ScanLimits#timeout()} (for example with I/O deadlines on its connection), so
	 * the chain may call it on the caller's thread. Engines that cannot promise it (the
	 * default) run on a thread of their own, which the chain cuts off at the limit; that
	 * costs a thread handoff per scan.
	 */
	default boolean enforcesTimeout() {
		return false;
	}

	/**
	 * The longest content this engine scans in one piece (ClamAV: its stream limit, equal
	 * to clamd's {@code StreamMaxLength}). Longer objects are cut into parts no longer
	 * than the smallest limit of a chain's required engines (docs/large-objects.md).
	 */
	default long maxContentBytes() {
		return Long.MAX_VALUE;
	}

	@Override
	default void close() {
	}

}
