package dev.bucketwarden.agent.findings;

import java.util.HashMap;
import java.util.Map;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import dev.bucketwarden.agent.storage.StorageException;
import dev.bucketwarden.store.drift.TagDrift;
import dev.bucketwarden.store.results.ScanRecord;

/**
 * Sends findings to an SQS queue: for the local stack (no SNS there) and for users who
 * want findings on a queue of their own.
 */
public class SqsFindingPublisher implements FindingPublisher {

	private final SqsAsyncClient sqs;

	private final String queueUrl;

	public SqsFindingPublisher(SqsAsyncClient sqs, String queueUrl) {
		this.sqs = sqs;
		this.queueUrl = queueUrl;
	}

	@Override
	public void publish(ScanRecord record) {
		send(FindingMessages.finding(record), FindingMessages.attributes(record));
	}

	@Override
	public void publish(TagDrift drift) {
		send(FindingMessages.drift(drift), FindingMessages.attributes(drift));
	}

	private void send(String body, Map<String, String> attributeValues) {
		Map<String, MessageAttributeValue> attributes = new HashMap<>();
		attributeValues.forEach((name, value) -> attributes.put(name,
				MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
		try {
			this.sqs
				.sendMessage(
						(request) -> request.queueUrl(this.queueUrl).messageBody(body).messageAttributes(attributes))
				.join();
		}
		catch (SdkException | java.util.concurrent.CompletionException ex) {
			throw new StorageException("Sending the finding to " + this.queueUrl + " failed", ex);
		}
	}

}
