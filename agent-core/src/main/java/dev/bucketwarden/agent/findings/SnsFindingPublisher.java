package dev.bucketwarden.agent.findings;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;

import dev.bucketwarden.agent.storage.StorageException;
import dev.bucketwarden.store.drift.TagDrift;
import dev.bucketwarden.store.results.ScanRecord;

/**
 * Publishes findings to the SNS findings topic, with attributes for filter policies.
 * Findings of concurrent scans share one PublishBatch ({@link FindingBatcher}).
 */
public class SnsFindingPublisher implements FindingPublisher {

	private final SnsClient sns;

	private final String topicArn;

	private final FindingBatcher<PublishBatchRequestEntry> batcher;

	public SnsFindingPublisher(SnsClient sns, String topicArn) {
		this(sns, topicArn, Duration.ZERO);
	}

	/**
	 * @param linger how long a finding waits for others to share its request when none is
	 * on its way
	 */
	public SnsFindingPublisher(SnsClient sns, String topicArn, Duration linger) {
		this.sns = sns;
		this.topicArn = topicArn;
		this.batcher = new FindingBatcher<>(linger, SnsFindingPublisher::size, this::publishBatch);
	}

	@Override
	public void publish(ScanRecord record) {
		Map<String, MessageAttributeValue> attributes = new HashMap<>();
		FindingMessages.attributes(record)
			.forEach((name, value) -> attributes.put(name,
					MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
		this.batcher.send(PublishBatchRequestEntry.builder()
			.subject("BucketWarden scan result: " + record.status().label())
			.message(FindingMessages.finding(record))
			.messageAttributes(attributes)
			.build());
	}

	private List<String> publishBatch(List<PublishBatchRequestEntry> entries) {
		List<PublishBatchRequestEntry> numbered = FindingBatcher.numbered(entries,
				(entry, id) -> entry.toBuilder().id(id).build());
		PublishBatchResponse response;
		try {
			response = this.sns
				.publishBatch((request) -> request.topicArn(this.topicArn).publishBatchRequestEntries(numbered));
		}
		catch (SdkException ex) {
			throw new StorageException("Publishing findings to " + this.topicArn + " failed", ex);
		}
		return FindingBatcher.failures(entries.size(), response.failed()
			.stream()
			.collect(Collectors.toMap(BatchResultErrorEntry::id, (failed) -> failed.code() + ": " + failed.message())));
	}

	/** At most three bytes of UTF-8 per char: an upper bound, cheaper than encoding. */
	private static int size(PublishBatchRequestEntry entry) {
		int chars = entry.message().length() + ((entry.subject() != null) ? entry.subject().length() : 0);
		for (Map.Entry<String, MessageAttributeValue> attribute : entry.messageAttributes().entrySet()) {
			chars += attribute.getKey().length() + attribute.getValue().stringValue().length() + 2;
		}
		return 3 * chars;
	}

	@Override
	public void publish(TagDrift drift) {
		Map<String, MessageAttributeValue> attributes = new HashMap<>();
		FindingMessages.attributes(drift)
			.forEach((name, value) -> attributes.put(name,
					MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
		try {
			this.sns.publish((request) -> request.topicArn(this.topicArn)
				.subject("BucketWarden tag drift: " + drift.kind().name())
				.message(FindingMessages.drift(drift))
				.messageAttributes(attributes));
		}
		catch (SdkException ex) {
			throw new StorageException("Publishing the tag drift to " + this.topicArn + " failed", ex);
		}
	}

}
