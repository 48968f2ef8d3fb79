package dev.bucketwarden.engine.spi;

/** What kind of infrastructure failure turned a scan into an error. */
public enum ErrorKind {

	/** The engine could not be reached (refused, reset, not running). */
	UNAVAILABLE,
	/** The engine or the content source did not answer in time. */
	TIMEOUT,
	/** The engine answered something this client does not understand. */
	PROTOCOL,
	/** The engine itself reported that the scan failed. */
	ENGINE_FAILURE,
	/** The content could not be read from its source. */
	CONTENT_READ,
	/** The content source refused access (for example S3 or KMS access denied). */
	ACCESS_DENIED,
	/**
	 * The scanner is not set up for what the scan asks (for example a bucket's settings
	 * name an engine this agent does not run): retrying cannot help until the
	 * configuration changes.
	 */
	CONFIGURATION

}
