package dev.bucketwarden.console.buckets.policy;

/**
 * Applying the statements was refused, and the bucket's policy left as it was; the
 * message says why and what to change. A conflict (409) for the API.
 */
public class PolicyRefusedException extends IllegalStateException {

	PolicyRefusedException(String message) {
		super(message);
	}

	PolicyRefusedException(String message, Throwable cause) {
		super(message, cause);
	}

}
