package dev.bucketwarden.engine.icap;

/**
 * What a 200 response carried back (RFC 3507 section 4.3.3: a 200 holds the modified
 * message): the encapsulated HTTP status and whether the body is the one sent.
 *
 * @param httpStatus the encapsulated HTTP response's status, or 0 when none was sent
 * @param body what the encapsulated body is, compared with what was sent
 */
record Answer(int httpStatus, Body body) {

	enum Body {

		/** The same length and CRC-32C as what was sent. */
		UNMODIFIED,
		/** Other bytes (a block page, a cleaned or truncated file). */
		MODIFIED,
		/** No body came back. */
		NONE

	}

}
