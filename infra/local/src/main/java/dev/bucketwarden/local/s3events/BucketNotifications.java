package dev.bucketwarden.local.s3events;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The buckets' event notification configurations, which S3Mock does not keep: what
 * PutBucketNotificationConfiguration stores after checking it as S3 does (including that
 * S3 can deliver to every destination), what GetBucketNotificationConfiguration returns,
 * and where the event of a write goes.
 */
final class BucketNotifications {

	/**
	 * The id {@link #protect} gives its configuration: the one the console's wiring uses,
	 * so that protecting such a bucket in the console replaces it instead of overlapping.
	 */
	static final String PROTECT_ID = "bucketwarden-scan";

	private static final Logger logger = LoggerFactory.getLogger(BucketNotifications.class);

	private final Map<String, NotificationConfiguration> configurations = new ConcurrentHashMap<>();

	private final String scanTopicArn;

	private final EventSink scanTopic;

	private final QueueDirectory queues;

	private final Predicate<String> bucketExists;

	private final Clock clock;

	BucketNotifications(String scanTopicArn, EventSink scanTopic, QueueDirectory queues, Predicate<String> bucketExists,
			Clock clock) {
		this.scanTopicArn = scanTopicArn;
		this.scanTopic = scanTopic;
		this.queues = queues;
		this.bucketExists = bucketExists;
		this.clock = clock;
	}

	/**
	 * GetBucketNotificationConfiguration: empty until one is put, as in S3.
	 * @throws S3ErrorException NoSuchBucket
	 */
	String get(String bucket) {
		requireBucket(bucket);
		return this.configurations.getOrDefault(bucket, NotificationConfiguration.EMPTY).toXml();
	}

	/**
	 * PutBucketNotificationConfiguration: replaces the bucket's configuration after S3's
	 * checks, then sends {@code s3:TestEvent} to each destination, as S3 does.
	 * @throws S3ErrorException NoSuchBucket, MalformedXML, InvalidArgument
	 */
	void put(String bucket, byte[] body) {
		requireBucket(bucket);
		NotificationConfiguration configuration = NotificationConfiguration.parse(body);
		Map<String, EventSink> destinations = new LinkedHashMap<>();
		Map<String, String> unreachable = new LinkedHashMap<>();
		for (Notification notification : configuration.notifications()) {
			destination(notification).ifPresentOrElse((sink) -> destinations.put(notification.arn(), sink),
					() -> unreachable.put(notification.arn(),
							"The destination " + notification.kind().destination() + " does not exist"));
		}
		if (!unreachable.isEmpty()) {
			throw new S3ErrorException(400, "InvalidArgument",
					"Unable to validate the following destination configurations", unreachable);
		}
		if (configuration.isEmpty()) {
			this.configurations.remove(bucket);
		}
		else {
			this.configurations.put(bucket, configuration);
		}
		String test = S3EventNotifications.testEvent(bucket, this.clock.instant());
		destinations.forEach((arn, sink) -> deliver(sink, arn, test, "s3:TestEvent", bucket));
		logger.info("Event notifications of bucket {}: {}", bucket, configuration.notifications());
	}

	/** The configurations that send this write's event. */
	List<Notification> matching(S3Write write) {
		return this.configurations.getOrDefault(write.bucket(), NotificationConfiguration.EMPTY)
			.matching(write.eventName(), write.key());
	}

	/**
	 * Sends an S3 event raised by one configuration: to a topic (the scan topic, whose
	 * subscription gets it wrapped in an SNS notification) or a queue (the event itself).
	 */
	void deliver(Notification notification, String s3Event, S3Write write) {
		destination(notification).ifPresentOrElse(
				(sink) -> deliver(sink, notification.arn(), s3Event, write.eventName(), write.bucket()),
				() -> logger.error("No event for s3://{}/{}: destination {} is gone", write.bucket(), write.key(),
						notification.arn()));
	}

	/** Adds a configuration sending object-created events to the scan topic. */
	void protect(String bucket) {
		this.configurations.compute(bucket,
				(name, current) -> ((current != null) ? current : NotificationConfiguration.EMPTY)
					.with(new Notification(Notification.Kind.TOPIC, PROTECT_ID, this.scanTopicArn,
							List.of("s3:ObjectCreated:*"), null, null)));
	}

	void unprotect(String bucket) {
		this.configurations.computeIfPresent(bucket, (name, current) -> {
			NotificationConfiguration rest = current.without(PROTECT_ID);
			return rest.isEmpty() ? null : rest;
		});
	}

	/** Buckets with a configuration sending events to the scan topic. */
	Set<String> protectedBuckets() {
		Set<String> buckets = new LinkedHashSet<>();
		this.configurations.forEach((bucket, configuration) -> {
			if (configuration.notifications().stream().anyMatch((n) -> n.arn().equals(this.scanTopicArn))) {
				buckets.add(bucket);
			}
		});
		return Set.copyOf(buckets);
	}

	/** A deleted bucket loses its configuration, as in S3. */
	void forget(String bucket) {
		this.configurations.remove(bucket);
	}

	private Optional<EventSink> destination(Notification notification) {
		return switch (notification.kind()) {
			case TOPIC ->
				notification.arn().equals(this.scanTopicArn) ? Optional.of(this::toScanTopic) : Optional.empty();
			case QUEUE -> {
				String[] arn = notification.arn().split(":", -1);
				yield (arn.length == 6 && arn[0].equals("arn") && arn[2].equals("sqs") && !arn[5].isEmpty())
						? this.queues.queue(arn[5]) : Optional.empty();
			}
			// The local stack has no Lambda.
			case CLOUD_FUNCTION -> Optional.empty();
		};
	}

	private void toScanTopic(String message) throws Exception {
		this.scanTopic.deliver(S3EventNotifications.snsNotification(message, this.scanTopicArn, this.clock.instant()));
	}

	private void requireBucket(String bucket) {
		if (!this.bucketExists.test(bucket)) {
			throw S3ErrorException.noSuchBucket(bucket);
		}
	}

	private static void deliver(EventSink sink, String arn, String message, String eventName, String bucket) {
		try {
			sink.deliver(message);
			logger.debug("{} of bucket {} delivered to {}", eventName, bucket, arn);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			logger.error("Could not deliver {} of bucket {} to {}: {}", eventName, bucket, arn, ex.toString());
		}
	}

}
