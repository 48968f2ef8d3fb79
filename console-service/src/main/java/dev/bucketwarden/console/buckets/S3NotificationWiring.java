package dev.bucketwarden.console.buckets;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.GetBucketNotificationConfigurationResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NotificationConfiguration;
import software.amazon.awssdk.services.s3.model.NotificationConfigurationFilter;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.TopicConfiguration;

import dev.bucketwarden.console.web.AwsUnavailableException;

/**
 * Protecting a bucket adds an event notification (object created) to the scan topic or
 * queue, under our own configuration id, keeping the bucket's other notifications;
 * unprotecting removes only ours. Neither writes when there is nothing to change: each
 * write makes S3 send a test event to every destination, other applications' included. S3
 * checks that the target's policy lets the bucket publish (infra/aws grants it), and
 * refuses a configuration that would overlap another one of the bucket (an other
 * object-created notification without a disjoint key filter); what S3 refuses
 * (AccessDenied included) is an {@link IllegalStateException} with S3's message and what
 * to change (the console answers 409), an S3 it cannot reach a
 * {@link AwsUnavailableException} (503). The local stack's S3 event relay answers the
 * same API.
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
		GetBucketNotificationConfigurationResponse present = read(bucket);
		if (isOurs(present)) {
			return;
		}
		NotificationConfiguration current = withoutOurs(present);
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
		write(bucket, next.build());
		logger.info("Bucket {} now sends object-created events to {}", bucket, this.targetArn);
	}

	/** A bucket that is gone has nothing left to unwire. */
	@Override
	public void unprotect(String bucket) {
		GetBucketNotificationConfigurationResponse present;
		try {
			present = this.s3.getBucketNotificationConfiguration((request) -> request.bucket(bucket));
		}
		catch (NoSuchBucketException ex) {
			logger.info("Bucket {} is gone: no event notification to remove", bucket);
			return;
		}
		catch (S3Exception ex) {
			throw refused("read the event notifications of", bucket, ex);
		}
		catch (SdkClientException ex) {
			throw unreachable(bucket, ex);
		}
		boolean ours = present.queueConfigurations().stream().anyMatch((c) -> ID.equals(c.id()))
				|| present.topicConfigurations().stream().anyMatch((c) -> ID.equals(c.id()));
		if (!ours) {
			return;
		}
		write(bucket, withoutOurs(present));
		logger.info("Bucket {} no longer sends events to {}", bucket, this.targetArn);
	}

	/** Ours is there, as {@link #protect} would write it. */
	private boolean isOurs(GetBucketNotificationConfigurationResponse present) {
		return present.queueConfigurations()
			.stream()
			.anyMatch((c) -> ID.equals(c.id()) && this.targetArn.equals(c.queueArn())
					&& everyObjectCreated(c.events(), c.filter()))
				|| present.topicConfigurations()
					.stream()
					.anyMatch((c) -> ID.equals(c.id()) && this.targetArn.equals(c.topicArn())
							&& everyObjectCreated(c.events(), c.filter()));
	}

	private static boolean everyObjectCreated(List<Event> events, NotificationConfigurationFilter filter) {
		return events.equals(List.of(Event.S3_OBJECT_CREATED)) && filter == null;
	}

	private GetBucketNotificationConfigurationResponse read(String bucket) {
		try {
			return this.s3.getBucketNotificationConfiguration((request) -> request.bucket(bucket));
		}
		catch (S3Exception ex) {
			throw refused("read the event notifications of", bucket, ex);
		}
		catch (SdkClientException ex) {
			throw unreachable(bucket, ex);
		}
	}

	private void write(String bucket, NotificationConfiguration configuration) {
		try {
			this.s3.putBucketNotificationConfiguration(
					(request) -> request.bucket(bucket).notificationConfiguration(configuration));
		}
		catch (S3Exception ex) {
			throw refused("change the event notifications of", bucket, ex);
		}
		catch (SdkClientException ex) {
			throw unreachable(bucket, ex);
		}
	}

	/**
	 * What S3 refused, with what to change where S3's words do not say it: missing rights
	 * (AccessDenied) or a topic or queue whose policy does not accept the bucket.
	 */
	static IllegalStateException refused(String what, String bucket, S3Exception ex) {
		String message = "S3 did not let BucketWarden " + what + " bucket " + bucket + " (" + reason(ex) + ")";
		String code = (ex.awsErrorDetails() != null) ? ex.awsErrorDetails().errorCode() : null;
		if ("AccessDenied".equals(code) || ex.statusCode() == 403) {
			message += ": the console's role needs s3:GetBucketNotification and s3:PutBucketNotification on it,"
					+ " which infra/aws grants for the buckets its protectedBuckets name or match";
		}
		else if (reason(ex).contains("Unable to validate the following destination configurations")) {
			message += ": the scan topic's (or queue's) policy does not let this bucket send events;"
					+ " infra/aws lets the buckets its protectedBuckets name or match";
		}
		return new IllegalStateException(message, ex);
	}

	/** S3's error code and message. */
	static String reason(S3Exception ex) {
		return (ex.awsErrorDetails() != null && ex.awsErrorDetails().errorMessage() != null)
				? ex.awsErrorDetails().errorCode() + ": " + ex.awsErrorDetails().errorMessage() : ex.getMessage();
	}

	/** Broken infrastructure, not a refusal: the console answers 503. */
	private static AwsUnavailableException unreachable(String bucket, SdkClientException ex) {
		return new AwsUnavailableException(
				"S3 could not be reached for the event notifications of bucket " + bucket + ": " + ex.getMessage(), ex);
	}

	private static NotificationConfiguration withoutOurs(GetBucketNotificationConfigurationResponse current) {
		return NotificationConfiguration.builder()
			.queueConfigurations(current.queueConfigurations().stream().filter((c) -> !ID.equals(c.id())).toList())
			.topicConfigurations(current.topicConfigurations().stream().filter((c) -> !ID.equals(c.id())).toList())
			.lambdaFunctionConfigurations(current.lambdaFunctionConfigurations())
			.eventBridgeConfiguration(current.eventBridgeConfiguration())
			.build();
	}

}
