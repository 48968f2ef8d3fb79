package dev.bucketwarden.eventagent.intake;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.bucketwarden.agent.request.ScanTarget;
import dev.bucketwarden.store.results.ScanSource;

/**
 * Reads the three envelopes S3 events arrive in: a raw S3 event notification
 * ({@code Records[]}, keys URL-encoded with '+' for spaces), the same wrapped in an SNS
 * notification ({@code Type: Notification}, the event as a JSON string in
 * {@code Message}), and an EventBridge "Object Created" event (keys not encoded).
 */
final class EnvelopeParser {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private EnvelopeParser() {
	}

	/** Parses without checking where the message came from (tests, the local stack). */
	static Envelope parse(String body) {
		return parse(body, EnvelopeTrust.ANY);
	}

	/**
	 * Parses, and refuses (as poison, so it lands in the dead-letter queue with the
	 * reason) a message from a topic, account or region the deployment does not serve.
	 */
	static Envelope parse(String body, EnvelopeTrust trust) {
		JsonNode root;
		try {
			root = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			return new Envelope.Poison("not JSON: " + ex.getOriginalMessage());
		}
		if (root == null || !root.isObject()) {
			return new Envelope.Poison("not a JSON object");
		}
		if ("Notification".equals(text(root, "Type")) && root.has("Message")) {
			String message = text(root, "Message");
			if (message == null) {
				return new Envelope.Poison("SNS notification without a Message");
			}
			String refusal = trust.refuseTopic(text(root, "TopicArn"));
			if (refusal != null) {
				return new Envelope.Poison("rejected: " + refusal);
			}
			return parse(message, trust);
		}
		if ("s3:TestEvent".equals(text(root, "Event"))) {
			return new Envelope.Ignored("s3:TestEvent");
		}
		if (root.has("Records")) {
			return s3Event(root.get("Records"), trust);
		}
		if ("aws.s3".equals(text(root, "source")) && root.has("detail")) {
			return eventBridge(root, trust);
		}
		return new Envelope.Poison("neither an S3 event, an SNS notification nor an EventBridge event");
	}

	private static Envelope s3Event(JsonNode records, EnvelopeTrust trust) {
		if (!records.isArray() || records.isEmpty()) {
			return new Envelope.Poison("Records is not a non-empty array");
		}
		List<ScanTarget> targets = new ArrayList<>();
		for (JsonNode record : records) {
			String eventName = text(record, "eventName");
			if (!"aws:s3".equals(text(record, "eventSource")) || eventName == null) {
				return new Envelope.Poison("a record is not an S3 event");
			}
			if (!eventName.startsWith("ObjectCreated:")) {
				continue;
			}
			JsonNode s3 = record.path("s3");
			String bucket = text(s3.path("bucket"), "name");
			String key = text(s3.path("object"), "key");
			if (bucket == null || key == null) {
				return new Envelope.Poison("an S3 record names no bucket or key");
			}
			String refusal = trust.refuseRegion(text(record, "awsRegion"));
			if (refusal != null) {
				return new Envelope.Poison("rejected: " + refusal);
			}
			String decoded;
			try {
				decoded = URLDecoder.decode(key, StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				// S3 never writes such a key: no retry can read it.
				return new Envelope.Poison("an S3 record's key is not URL-encoded (" + ex.getMessage() + "): " + key);
			}
			targets.add(new ScanTarget(bucket, decoded, text(s3.path("object"), "versionId"),
					text(s3.path("object"), "eTag"), ScanSource.EVENT, time(record, "eventTime")));
		}
		return targets.isEmpty() ? new Envelope.Ignored("no ObjectCreated records") : new Envelope.Targets(targets);
	}

	private static Envelope eventBridge(JsonNode root, EnvelopeTrust trust) {
		if (!"Object Created".equals(text(root, "detail-type"))) {
			return new Envelope.Ignored("EventBridge " + text(root, "detail-type"));
		}
		String refusal = trust.refuseAccount(text(root, "account"), "EventBridge event's");
		if (refusal == null) {
			refusal = trust.refuseRegion(text(root, "region"));
		}
		if (refusal != null) {
			return new Envelope.Poison("rejected: " + refusal);
		}
		JsonNode detail = root.get("detail");
		String bucket = text(detail.path("bucket"), "name");
		String key = text(detail.path("object"), "key");
		if (bucket == null || key == null) {
			return new Envelope.Poison("an EventBridge event names no bucket or key");
		}
		// The account goes with the target: the pipeline holds it against the bucket's
		// own.
		return new Envelope.Targets(List.of(new ScanTarget(bucket, key, text(detail.path("object"), "version-id"),
				text(detail.path("object"), "etag"), ScanSource.EVENT, time(root, "time"), text(root, "account"))));
	}

	/**
	 * The event's time, or {@code null} when it is missing or unreadable: it only starts
	 * the time-to-verdict clock, so a bad one must not refuse the scan.
	 */
	private static @Nullable Instant time(JsonNode node, String field) {
		String value = text(node, field);
		if (value == null) {
			return null;
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.asString() : null;
	}

}
