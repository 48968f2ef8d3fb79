package dev.bucketwarden.console.buckets;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.NotificationConfiguration;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import software.amazon.awssdk.services.s3.model.TopicConfiguration;

/**
 * In AWS: protecting a bucket adds an event notification (object created) to the scan
 * topic or queue, under our own configuration id, keeping the bucket's other
 * notifications; unprotecting removes only ours. S3 checks that the target's policy lets
 * the bucket publish (infra/aws grants it).
 */
class S3NotificationWiring implements BucketWiring {

	static final String ID = "bucketwarden-scan";

	private static final Logger logger = LoggerFactory.getLogger(S3NotificationWiring.class);

	private final S3Client s3;

	private final String targetArn;

	S3NotificationWiring(S3Client s3, String targetArn) {
		this.s3 = s3;
		this.targetArn = targetArn;
	}

	@Override
	public void protect(String bucket) {
		NotificationConfiguration current = withoutOurs(bucket);
		NotificationConfiguration.Builder next = current.toBuilder();
		if (this.targetArn.contains(":sqs:")) {
			List<QueueConfiguration> queues = new ArrayList<>(current.queueConfigurations());
			queues.add(QueueConfiguration.builder()
				.id(ID)
				.queueArn(this.targetArn)
				.events(Event.S3_OBJECT_CREATED)
				.build());
			next.queueConfigurations(queues);
		}
		else {
			List<TopicConfiguration> topics = new ArrayList<>(current.topicConfigurations());
			topics.add(TopicConfiguration.builder()
				.id(ID)
				.topicArn(this.targetArn)
				.events(Event.S3_OBJECT_CREATED)
				.build());
			next.topicConfigurations(topics);
		}
		this.s3.putBucketNotificationConfiguration(
				(request) -> request.bucket(bucket).notificationConfiguration(next.build()));
		logger.info("Bucket {} now sends object-created events to {}", bucket, this.targetArn);
	}

	@Override
	public void unprotect(String bucket) {
		NotificationConfiguration remaining = withoutOurs(bucket);
		this.s3.putBucketNotificationConfiguration(
				(request) -> request.bucket(bucket).notificationConfiguration(remaining));
		logger.info("Bucket {} no longer sends events to {}", bucket, this.targetArn);
	}

	private NotificationConfiguration withoutOurs(String bucket) {
		var current = this.s3.getBucketNotificationConfiguration((request) -> request.bucket(bucket));
		return NotificationConfiguration.builder()
			.queueConfigurations(current.queueConfigurations().stream().filter((c) -> !ID.equals(c.id())).toList())
			.topicConfigurations(current.topicConfigurations().stream().filter((c) -> !ID.equals(c.id())).toList())
			.lambdaFunctionConfigurations(current.lambdaFunctionConfigurations())
			.eventBridgeConfiguration(current.eventBridgeConfiguration())
			.build();
	}

}
