package dev.bucketwarden.eventagent.intake;

/**
 * When the event agent stops taking messages from the scan queue
 * ({@code bucketwarden.event-agent.pause-intake}).
 */
public enum PauseIntake {

	/**
	 * Never: every message is received, and while the engines are down it fails, retries
	 * with backoff and reaches the dead-letter queue after the last attempt.
	 */
	NEVER,

	/** While a required engine does not answer. */
	UNREACHABLE,

	/**
	 * While the agent is not ready: a required engine does not answer, or its signatures
	 * are older than {@code bucketwarden.health.signature-max-age}.
	 */
	NOT_READY

}
