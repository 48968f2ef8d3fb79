package dev.bucketwarden.agent.findings;

import java.util.HashMap;
import java.util.Map;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

import dev.bucketwarden.agent.storage.StorageException;
import dev.bucketwarden.store.drift.TagDrift;
import dev.bucketwarden.store.results.ScanRecord;

/** Publishes findings to the SNS findings topic, with attributes for filter policies. */
public class SnsFindingPublisher implements FindingPublisher {

	private final SnsClient sns;

	private final String topicArn;

	public SnsFindingPublisher(SnsClient sns, String topicArn) {
		this.sns = sns;
		this.topicArn = topicArn;
	}

	@Override
	public void publish(ScanRecord record) {
		Map<String, MessageAttributeValue> attributes = new HashMap<>();
		FindingMessages.attributes(record)
			.forEach((name, value) -> attributes.put(name,
					MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
		try {
			this.sns.publish((request) -> request.topicArn(this.topicArn)
				.subject("BucketWarden scan result: " + record.status().label())
				.message(FindingMessages.finding(record))
				.messageAttributes(attributes));
		}
		catch (SdkException ex) {
			throw new StorageException("Publishing the finding to " + this.topicArn + " failed", ex);
		}
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
