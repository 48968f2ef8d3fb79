package dev.bucketwarden.local.aws;

import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

import dev.bucketwarden.local.s3events.QueueDirectory;

/**
 * Queues as the product uses them: a main queue whose messages move to its dead-letter
 * queue after {@code maxReceiveCount} receives without a delete.
 */
public final class SqsQueues {

	private SqsQueues() {
	}

	/**
	 * Creates {@code name} and {@code name-dlq} with a redrive policy between them.
	 */
	public static QueueUrls createWithDeadLetterQueue(SqsClient sqs, String name, int maxReceiveCount) {
		String deadLetterUrl = sqs.createQueue((request) -> request.queueName(name + "-dlq")).queueUrl();
		String deadLetterArn = sqs
			.getQueueAttributes(
					(request) -> request.queueUrl(deadLetterUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
			.attributes()
			.get(QueueAttributeName.QUEUE_ARN);
		String redrivePolicy = "{\"deadLetterTargetArn\":\"" + deadLetterArn + "\",\"maxReceiveCount\":\""
				+ maxReceiveCount + "\"}";
		String url = sqs
			.createQueue((request) -> request.queueName(name)
				.attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, redrivePolicy)))
			.queueUrl();
		return new QueueUrls(url, deadLetterUrl);
	}

	/**
	 * This endpoint's queues by name, for the S3 event relay: a bucket's queue
	 * configuration can name any queue that exists.
	 */
	public static QueueDirectory directory(SqsClient sqs) {
		return (name) -> {
			try {
				String url = sqs.getQueueUrl((request) -> request.queueName(name)).queueUrl();
				return Optional.of((body) -> sqs.sendMessage((request) -> request.queueUrl(url).messageBody(body)));
			}
			catch (QueueDoesNotExistException ex) {
				return Optional.empty();
			}
		};
	}

	/**
	 * The URLs of a queue and its dead-letter queue.
	 *
	 * @param queue the main queue
	 * @param deadLetterQueue where messages go after too many receives
	 */
	public record QueueUrls(String queue, String deadLetterQueue) {
	}

}
