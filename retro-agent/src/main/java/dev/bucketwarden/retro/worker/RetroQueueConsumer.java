package dev.bucketwarden.retro.worker;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The worker's calls on the retro queue: receive with the receive count (long polling,
 * the scan's visibility), delete a settled message, change a message's visibility, and
 * whether the queue is empty everywhere.
 */
class RetroQueueConsumer {

	private static final Logger logger = LoggerFactory.getLogger(RetroQueueConsumer.class);

	private final SqsClient sqs;

	private final String queueUrl;

	private final Duration waitTime;

	private final Duration visibilityTimeout;

	RetroQueueConsumer(SqsClient sqs, String queueUrl, Duration waitTime, Duration visibilityTimeout) {
		this.sqs = sqs;
		this.queueUrl = queueUrl;
		this.waitTime = waitTime;
		this.visibilityTimeout = visibilityTimeout;
	}

	String url() {
		return this.queueUrl;
	}

	/** Up to {@code max} messages; none when SQS cannot be reached (tried again). */
	List<Message> receive(int max) {
		try {
			return this.sqs
				.receiveMessage((request) -> request.queueUrl(this.queueUrl)
					.maxNumberOfMessages(max)
					.waitTimeSeconds((int) this.waitTime.toSeconds())
					.visibilityTimeout((int) this.visibilityTimeout.toSeconds())
					.messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
				.messages();
		}
		catch (SdkException ex) {
			logger.warn("Receiving from the retro queue failed: {}", ex.getMessage());
			return List.of();
		}
	}

	/**
	 * No message waiting and none in flight anywhere (another worker's may come back).
	 */
	boolean empty() {
		Map<QueueAttributeName, String> attributes = this.sqs
			.getQueueAttributes((request) -> request.queueUrl(this.queueUrl)
				.attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
						QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
						QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
			.attributes();
		return attributes.values().stream().allMatch("0"::equals);
	}

	void delete(Message message) {
		this.sqs.deleteMessage((request) -> request.queueUrl(this.queueUrl).receiptHandle(message.receiptHandle()));
	}

	void changeVisibility(Message message, int seconds) {
		this.sqs.changeMessageVisibility((request) -> request.queueUrl(this.queueUrl)
			.receiptHandle(message.receiptHandle())
			.visibilityTimeout(seconds));
	}

}
