package dev.bucketwarden.engine.spi;

/** Why content could not be fully scanned. None of these is ever reported as clean. */
public enum UnscannableReason {

	/** Larger than the engine or policy accepts. */
	TOO_LARGE,
	/** Encrypted archive or document: the engine cannot see inside. */
	ENCRYPTED,
	/**
	 * The engine stopped early: recursion depth, file count, scan size or time limits.
	 */
	LIMITS_EXCEEDED,
	/** A format or feature the engine does not support. */
	UNSUPPORTED

}
