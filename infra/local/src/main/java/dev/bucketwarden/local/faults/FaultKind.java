package dev.bucketwarden.local.faults;

/** The faults {@link FaultProxy} can inject, as AWS clients meet them in production. */
public enum FaultKind {

	/**
	 * Not forwarded: 503 with the service's throttling error (S3 {@code SlowDown}, a JSON
	 * service's {@code ThrottlingException} or its own throttling code), which the SDK
	 * retries as throttling.
	 */
	SLOW_DOWN_503(false),

	/** Not forwarded: 500 with the service's internal error. */
	INTERNAL_ERROR_500(false),

	/**
	 * Forwarded, so the upstream did the work: the response head and about half of its
	 * body reach the client, then a TCP reset (for a response without a body, part of the
	 * head then the reset).
	 */
	RESET_MID_BODY(true),

	/**
	 * Forwarded: the response is held for the proxy's delay, which exceeds the client's
	 * timeout, then sent unless the client has gone.
	 */
	DELAY_PAST_TIMEOUT(true);

	private final boolean forwarded;

	FaultKind(boolean forwarded) {
		this.forwarded = forwarded;
	}

	/** Whether the request still reaches the upstream, which then does its work. */
	public boolean forwarded() {
		return this.forwarded;
	}

}
