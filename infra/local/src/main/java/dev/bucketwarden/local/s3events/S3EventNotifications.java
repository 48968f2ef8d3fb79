package dev.bucketwarden.local.s3events;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import tools.jackson.databind.json.JsonMapper;

/**
 * Builds S3 event notifications as S3 writes them (event version 2.1; keys URL-encoded
 * with '+' for spaces) and the SNS notification that carries them to the queue.
 */
final class S3EventNotifications {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private S3EventNotifications() {
	}

	static String s3Event(S3Write write, String configurationId, long size, String eTag, String versionId,
			String sequencer, String region, Instant time) {
		Map<String, Object> object = new LinkedHashMap<>();
		object.put("key", encodeKey(write.key()));
		object.put("size", size);
		object.put("eTag", eTag);
		if (versionId != null) {
			object.put("versionId", versionId);
		}
		object.put("sequencer", sequencer);
		Map<String, Object> s3 = new LinkedHashMap<>();
		s3.put("s3SchemaVersion", "1.0");
		s3.put("configurationId", configurationId);
		s3.put("bucket", Map.of("name", write.bucket(), "ownerIdentity", Map.of("principalId", "LOCAL"), "arn",
				"arn:aws:s3:::" + write.bucket()));
		s3.put("object", object);
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("eventVersion", "2.1");
		record.put("eventSource", "aws:s3");
		record.put("awsRegion", region);
		record.put("eventTime", time.toString());
		record.put("eventName", write.eventName());
		record.put("userIdentity", Map.of("principalId", "LOCAL"));
		record.put("requestParameters", Map.of("sourceIPAddress", "127.0.0.1"));
		record.put("responseElements", Map.of("x-amz-request-id", UUID.randomUUID().toString()));
		record.put("s3", s3);
		return JSON.writeValueAsString(Map.of("Records", List.of(record)));
	}

	/**
	 * The message S3 sends to each destination of a notification configuration it
	 * accepts.
	 */
	static String testEvent(String bucket, Instant time) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("Service", "Amazon S3");
		event.put("Event", "s3:TestEvent");
		event.put("Time", time.toString());
		event.put("Bucket", bucket);
		event.put("RequestId", UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT));
		event.put("HostId", "LOCAL");
		return JSON.writeValueAsString(event);
	}

	static String snsNotification(String message, String topicArn, Instant time) {
		Map<String, Object> notification = new LinkedHashMap<>();
		notification.put("Type", "Notification");
		notification.put("MessageId", UUID.randomUUID().toString());
		notification.put("TopicArn", topicArn);
		notification.put("Subject", "Amazon S3 Notification");
		notification.put("Message", message);
		notification.put("Timestamp", time.toString());
		notification.put("SignatureVersion", "1");
		notification.put("Signature", "LOCAL");
		notification.put("SigningCertURL", "http://127.0.0.1/local-stack-has-no-certificate.pem");
		notification.put("UnsubscribeURL", "http://127.0.0.1/local-stack-has-no-unsubscribe");
		return JSON.writeValueAsString(notification);
	}

	/** As S3 does: each path segment form-encoded ('+' for spaces), slashes kept. */
	static String encodeKey(String key) {
		return Stream.of(key.split("/", -1))
			.map((segment) -> URLEncoder.encode(segment, StandardCharsets.UTF_8))
			.collect(Collectors.joining("/"));
	}

}
