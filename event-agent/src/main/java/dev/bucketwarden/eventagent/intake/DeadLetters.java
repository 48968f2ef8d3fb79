package dev.bucketwarden.eventagent.intake;

import java.util.Map;

import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Moves poison messages to the scan queue's dead-letter queue at once, with the reason,
 * instead of letting them fail maxReceiveCount times. The DLQ is the one the queue's
 * redrive policy names, so there is nothing more to configure.
 */
@Component
class DeadLetters {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SqsAsyncClient sqs;

	private final String queue;

	private volatile String deadLetterQueueUrl;

	DeadLetters(SqsAsyncClient sqs, EventAgentProperties properties) {
		this.sqs = sqs;
		this.queue = properties.queue();
	}

	void send(String body, String reason) {
		this.sqs
			.sendMessage(
					(request) -> request.queueUrl(deadLetterQueueUrl())
						.messageBody(body)
						.messageAttributes(Map.of("bucketwardenReason",
								MessageAttributeValue.builder().dataType("String").stringValue(reason).build())))
			.join();
	}

	private String deadLetterQueueUrl() {
		String url = this.deadLetterQueueUrl;
		if (url == null) {
			String queueUrl = this.queue.startsWith("http") ? this.queue
					: this.sqs.getQueueUrl((request) -> request.queueName(this.queue)).join().queueUrl();
			String policy = this.sqs
				.getQueueAttributes(
						(request) -> request.queueUrl(queueUrl).attributeNames(QueueAttributeName.REDRIVE_POLICY))
				.join()
				.attributes()
				.get(QueueAttributeName.REDRIVE_POLICY);
			if (policy == null) {
				throw new IllegalStateException("The scan queue " + this.queue
						+ " has no redrive policy: messages that keep failing would be retried forever");
			}
			String arn = JSON.readTree(policy).get("deadLetterTargetArn").asString();
			String name = arn.substring(arn.lastIndexOf(':') + 1);
			url = this.sqs.getQueueUrl((request) -> request.queueName(name)).join().queueUrl();
			this.deadLetterQueueUrl = url;
		}
		return url;
	}

}
