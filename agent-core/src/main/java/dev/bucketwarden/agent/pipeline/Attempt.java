package dev.bucketwarden.agent.pipeline;

/**
 * Which delivery of a request this is. On the last one, a failure is recorded, tagged and
 * published before the request goes to the dead-letter queue, so that it is visible.
 *
 * @param number 1 for the first delivery
 * @param maxAttempts deliveries before the queue's redrive policy moves the message to
 * the DLQ
 */
public record Attempt(int number, int maxAttempts) {

	public static Attempt only() {
		return new Attempt(1, 1);
	}

	public boolean last() {
		return this.number >= this.maxAttempts;
	}

}
