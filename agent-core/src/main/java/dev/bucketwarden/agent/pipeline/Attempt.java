package dev.bucketwarden.agent.pipeline;

import java.time.Duration;

/**
 * Which delivery of a request this is. On the last one, a failure is recorded, tagged and
 * published before the request goes to the dead-letter queue, so that it is visible.
 * Every queue consumer (the event agent's listener, the retro worker) reads its attempt
 * and its retry visibility here, so that they agree on both.
 *
 * @param number 1 for the first delivery
 * @param maxAttempts deliveries before the queue's redrive policy moves the message to
 * the DLQ
 */
public record Attempt(int number, int maxAttempts) {

	public static Attempt only() {
		return new Attempt(1, 1);
	}

	/**
	 * The attempt of an SQS delivery.
	 * @param receiveCount the message's {@code ApproximateReceiveCount} as SQS or a
	 * listener container gives it (a string or a number), or {@code null}; a missing or
	 * unreadable count is the first delivery
	 * @param maxAttempts the redrive policy's {@code maxReceiveCount}
	 */
	public static Attempt ofReceiveCount(Object receiveCount, int maxAttempts) {
		try {
			return new Attempt((receiveCount != null) ? Integer.parseInt(receiveCount.toString()) : 1, maxAttempts);
		}
		catch (NumberFormatException ex) {
			return new Attempt(1, maxAttempts);
		}
	}

	public boolean last() {
		return this.number >= this.maxAttempts;
	}

	/**
	 * How long a message whose attempt failed stays invisible: after the last attempt not
	 * at all, so that the redrive policy moves it to the dead-letter queue at once;
	 * otherwise {@code initial} (at least a second) doubled with each earlier attempt, at
	 * most {@code max}. With {@code initial} equal to {@code max} the backoff is fixed.
	 * @return whole seconds, as SQS takes them
	 */
	public int retryVisibilitySeconds(Duration initial, Duration max) {
		if (last()) {
			return 0;
		}
		return (int) Math.min(max.toSeconds(), Math.max(1, initial.toSeconds()) << Math.min(20, this.number - 1));
	}

}
