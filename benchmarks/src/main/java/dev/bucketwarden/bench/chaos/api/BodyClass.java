package dev.bucketwarden.bench.chaos.api;

/**
 * What a body sent to the API is, and so which answers it may get: only a whole
 * {@link #CLEAN} body may ever be answered Clean or stored.
 */
enum BodyClass {

	/** Random bytes: nothing in them matches a signature. */
	CLEAN,

	/** The EICAR test file on its own. */
	EICAR,

	/** The EICAR test file in a zip archive. */
	EICAR_ZIPPED,

	/**
	 * Random bytes with the test marker in their last bytes: only a whole scan finds it.
	 */
	MARKER_AT_END,

	/** A password-protected zip archive: its content cannot be scanned. */
	ENCRYPTED;

	boolean clean() {
		return this == CLEAN;
	}

}
