package dev.bucketwarden.agent.large;

import dev.bucketwarden.engine.spi.UnscannableReason;

/**
 * An archive that cannot be cut into members honestly: the planner answers with a
 * {@link Refusal}, so the object is Unscannable, never Clean.
 */
final class UnplannableException extends Exception {

	private final UnscannableReason reason;

	UnplannableException(UnscannableReason reason, String message) {
		super(message);
		this.reason = reason;
	}

	UnscannableReason reason() {
		return this.reason;
	}

}
