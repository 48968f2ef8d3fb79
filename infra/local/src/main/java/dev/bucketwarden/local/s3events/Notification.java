package dev.bucketwarden.local.s3events;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One configuration of a bucket's event notifications, as S3 keeps it: where events go,
 * which event types, and the key filter.
 *
 * @param kind the kind of destination
 * @param id the configuration's id, named in each event as {@code s3.configurationId}
 * @param arn the destination's ARN
 * @param events event types ({@code s3:ObjectCreated:*}, {@code s3:ObjectCreated:Put}...)
 * @param prefix the key prefix rule, empty for none
 * @param suffix the key suffix rule, empty for none
 */
record Notification(Kind kind, String id, String arn, List<String> events, String prefix, String suffix) {

	/** The event types S3 accepts in a notification configuration. */
	static final Set<String> EVENT_TYPES = Set.of("s3:ObjectCreated:*", "s3:ObjectCreated:Put", "s3:ObjectCreated:Post",
			"s3:ObjectCreated:Copy", "s3:ObjectCreated:CompleteMultipartUpload", "s3:ObjectRemoved:*",
			"s3:ObjectRemoved:Delete", "s3:ObjectRemoved:DeleteMarkerCreated", "s3:ObjectRestore:*",
			"s3:ObjectRestore:Post", "s3:ObjectRestore:Completed", "s3:ObjectRestore:Delete",
			"s3:ReducedRedundancyLostObject", "s3:Replication:*", "s3:Replication:OperationFailedReplication",
			"s3:Replication:OperationMissedThreshold", "s3:Replication:OperationReplicatedAfterThreshold",
			"s3:Replication:OperationNotTracked", "s3:LifecycleExpiration:*", "s3:LifecycleExpiration:Delete",
			"s3:LifecycleExpiration:DeleteMarkerCreated", "s3:LifecycleTransition", "s3:IntelligentTiering",
			"s3:ObjectTagging:*", "s3:ObjectTagging:Put", "s3:ObjectTagging:Delete", "s3:ObjectAcl:Put");

	Notification {
		events = List.copyOf(events);
		prefix = (prefix != null) ? prefix : "";
		suffix = (suffix != null) ? suffix : "";
	}

	/**
	 * Whether an event of this name about this key goes to this destination.
	 * @param eventName as in the event record, {@code ObjectCreated:Put}
	 * @param key the object's key, decoded
	 */
	boolean matches(String eventName, String key) {
		return this.events.stream().anyMatch((type) -> covers(type, "s3:" + eventName)) && key.startsWith(this.prefix)
				&& key.endsWith(this.suffix);
	}

	/**
	 * S3 refuses two configurations of a bucket that could both send one event: a common
	 * event type, prefixes of which one starts the other, suffixes of which one ends the
	 * other.
	 */
	boolean overlaps(Notification other) {
		boolean commonType = this.events.stream()
			.anyMatch(
					(mine) -> other.events.stream().anyMatch((theirs) -> covers(mine, theirs) || covers(theirs, mine)));
		boolean prefixes = this.prefix.startsWith(other.prefix) || other.prefix.startsWith(this.prefix);
		boolean suffixes = this.suffix.endsWith(other.suffix) || other.suffix.endsWith(this.suffix);
		return commonType && prefixes && suffixes;
	}

	boolean filtered() {
		return !this.prefix.isEmpty() || !this.suffix.isEmpty();
	}

	/** {@code s3:ObjectCreated:*} covers every {@code s3:ObjectCreated:...} type. */
	private static boolean covers(String type, String other) {
		if (type.endsWith(":*")) {
			return other.startsWith(type.substring(0, type.length() - 1)) || other.equals(type);
		}
		return type.equals(other);
	}

	/** The kinds of destination, with the element names S3's XML gives them. */
	enum Kind {

		TOPIC("TopicConfiguration", "Topic"), QUEUE("QueueConfiguration", "Queue"),
		CLOUD_FUNCTION("CloudFunctionConfiguration", "CloudFunction");

		final String element;

		final String arnElement;

		Kind(String element, String arnElement) {
			this.element = element;
			this.arnElement = arnElement;
		}

		/** As S3 names it in its errors: topic, queue, Lambda function. */
		String destination() {
			return (this == CLOUD_FUNCTION) ? "Lambda function" : name().toLowerCase(Locale.ROOT);
		}

	}

}
