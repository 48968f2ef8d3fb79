package dev.bucketwarden.agent.findings;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import dev.bucketwarden.agent.storage.StorageException;
import dev.bucketwarden.store.drift.TagDrift;
import dev.bucketwarden.store.results.ScanRecord;

/**
 * Sends findings to an SQS queue: for the local stack (no SNS there) and for users who
 * want findings on a queue of their own. Findings of concurrent scans share one
 * SendMessageBatch ({@link FindingBatcher}).
 */
public class SqsFindingPublisher implements FindingPublisher {

	private final SqsAsyncClient sqs;

	private final String queueUrl;

	private final FindingBatcher<SendMessageBatchRequestEntry> batcher;

	public SqsFindingPublisher(SqsAsyncClient sqs, String queueUrl) {
		this(sqs, queueUrl, Duration.ZERO);
	}

	/**
	 * @param linger how long a finding waits for others to share its request when none is
	 * on its way
	 */
	public SqsFindingPublisher(SqsAsyncClient sqs, String queueUrl, Duration linger) {
		this.sqs = sqs;
		this.queueUrl = queueUrl;
		this.batcher = new FindingBatcher<>(linger, SqsFindingPublisher::size, this::sendBatch);
	}

	@Override
	public void publish(ScanRecord record) {
		this.batcher.send(SendMessageBatchRequestEntry.builder()
			.messageBody(FindingMessages.finding(record))
			.messageAttributes(attributes(FindingMessages.attributes(record)))
			.build());
	}

	@Override
	public void publish(TagDrift drift) {
		send(FindingMessages.drift(drift), FindingMessages.attributes(drift));
	}

	private List<String> sendBatch(List<SendMessageBatchRequestEntry> entries) {
		List<SendMessageBatchRequestEntry> numbered = FindingBatcher.numbered(entries,
				(entry, id) -> entry.toBuilder().id(id).build());
		SendMessageBatchResponse response;
		try {
			response = this.sqs.sendMessageBatch((request) -> request.queueUrl(this.queueUrl).entries(numbered)).join();
		}
		catch (SdkException | CompletionException ex) {
			throw new StorageException("Sending findings to " + this.queueUrl + " failed", ex);
		}
		return FindingBatcher.failures(entries.size(), response.failed()
			.stream()
			.collect(Collectors.toMap(BatchResultErrorEntry::id, (failed) -> failed.code() + ": " + failed.message())));
	}

	private static int size(SendMessageBatchRequestEntry entry) {
		// At most three bytes of UTF-8 per char: an upper bound, cheaper than encoding.
		int bytes = 3 * entry.messageBody().length();
		for (Map.Entry<String, MessageAttributeValue> attribute : entry.messageAttributes().entrySet()) {
			bytes += 3 * (attribute.getKey().length() + attribute.getValue().stringValue().length()) + 6;
		}
		return bytes;
	}

	private static Map<String, MessageAttributeValue> attributes(Map<String, String> values) {
		Map<String, MessageAttributeValue> attributes = new HashMap<>();
		values.forEach((name, value) -> attributes.put(name,
				MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
		return attributes;
	}

	private void send(String body, Map<String, String> attributeValues) {
		Map<String, MessageAttributeValue> attributes = attributes(attributeValues);
		try {
			this.sqs
				.sendMessage(
						(request) -> request.queueUrl(this.queueUrl).messageBody(body).messageAttributes(attributes))
				.join();
		}
		catch (SdkException | CompletionException ex) {
			throw new StorageException("Sending the finding to " + this.queueUrl + " failed", ex);
		}
	}

}
