package dev.bucketwarden.local.elasticmq;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A queue to create at start. With {@code maxReceiveCount > 0} it gets a dead-letter
 * queue named {@code NAME-dlq} (before {@code .fifo} for FIFO queues) and a redrive
 * policy.
 *
 * @param name the queue's name
 * @param maxReceiveCount receives without a delete before a message moves to the
 * dead-letter queue; 0 for a plain queue without one
 * @param visibilityTimeout the queue's default visibility timeout
 */
public record QueueDefinition(String name, int maxReceiveCount, Duration visibilityTimeout) {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,75}(\\.fifo)?");

	public QueueDefinition {
		Objects.requireNonNull(name, "name");
		if (!NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("Not an SQS queue name (letters, digits, - and _): " + name);
		}
		if (maxReceiveCount < 0) {
			throw new IllegalArgumentException("maxReceiveCount must not be negative");
		}
		Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
	}

	/** A queue whose messages go to {@code NAME-dlq} after that many receives. */
	public static QueueDefinition withDeadLetterQueue(String name, int maxReceiveCount) {
		if (maxReceiveCount < 1) {
			throw new IllegalArgumentException("maxReceiveCount must be at least 1");
		}
		return new QueueDefinition(name, maxReceiveCount, Duration.ofSeconds(30));
	}

	/** A queue without a dead-letter queue. */
	public static QueueDefinition plain(String name) {
		return new QueueDefinition(name, 0, Duration.ofSeconds(30));
	}

	public QueueDefinition withVisibilityTimeout(Duration visibilityTimeout) {
		return new QueueDefinition(this.name, this.maxReceiveCount, visibilityTimeout);
	}

	public boolean fifo() {
		return this.name.endsWith(".fifo");
	}

	public boolean hasDeadLetterQueue() {
		return this.maxReceiveCount > 0;
	}

	/** The name of the dead-letter queue, when there is one. */
	public String deadLetterQueueName() {
		return fifo() ? this.name.substring(0, this.name.length() - ".fifo".length()) + "-dlq.fifo"
				: this.name + "-dlq";
	}

}
