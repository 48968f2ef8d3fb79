package dev.bucketwarden.eventagent;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import dev.bucketwarden.local.support.AwsEmulator;

/**
 * What the corpus' cases write and send with: puts through the lane's relay (S3 raises
 * the event, encoding the key as S3 does), quiet puts straight to S3Mock for cases that
 * send their own message, and builders for the messages S3, SNS and EventBridge send.
 */
final class HostileFixture {

	private final HostileStack hostile;

	HostileFixture(HostileStack hostile) {
		this.hostile = hostile;
	}

	/** Writes through the relay, which raises the event S3 would. */
	HostileCase.Version put(String bucket, String key, byte[] content) {
		return put(bucket, key, content, Map.of());
	}

	HostileCase.Version put(String bucket, String key, byte[] content, Map<String, String> tags) {
		return version(bucket, key, write(this.hostile.lane.s3(), bucket, key, content, tags));
	}

	/** Writes straight to S3Mock: no event is raised. */
	HostileCase.Version putQuietly(String bucket, String key, byte[] content) {
		return version(bucket, key, write(this.hostile.direct, bucket, key, content, Map.of()));
	}

	S3Client direct() {
		return this.hostile.direct;
	}

	/** Sends a message body to the lane's scan queue as it is. */
	String send(String body) {
		this.hostile.stack.sqs
			.sendMessage((request) -> request.queueUrl(this.hostile.lane.queueUrl()).messageBody(body));
		return body;
	}

	/** An S3 event notification holding the records. */
	static String s3Event(String... records) {
		return "{\"Records\":[" + String.join(",", records) + "]}";
	}

	/** An S3 record as S3 writes it for the version (key encoded as S3 does). */
	static String record(String eventName, HostileCase.Version version) {
		return record(eventName, version, AwsEmulator.REGION);
	}

	static String record(String eventName, HostileCase.Version version, String region) {
		return recordWithEncodedKey(eventName, version.bucket(), encodeKey(version.key()), version.versionId(),
				version.eTag(), region);
	}

	static String recordWithEncodedKey(String eventName, String bucket, String encodedKey, String versionId,
			String eTag, String region) {
		return "{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"" + region + "\",\"eventName\":\""
				+ eventName + "\",\"s3\":{\"bucket\":{\"name\":\"" + bucket + "\"},\"object\":{\"key\":\"" + encodedKey
				+ "\",\"size\":1,\"eTag\":\"" + eTag + "\""
				+ ((versionId != null) ? ",\"versionId\":\"" + versionId + "\"" : "") + "}}}";
	}

	/** An SNS notification whose Message is the given string (JSON-escaped here). */
	static String sns(String topicArn, String message) {
		return "{\"Type\":\"Notification\",\"MessageId\":\"m-1\",\"TopicArn\":\"" + topicArn + "\",\"Message\":\""
				+ message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
	}

	static String topicArn(String account) {
		return "arn:aws:sns:" + AwsEmulator.REGION + ":" + account + ":bucketwarden-s3-events";
	}

	/** An EventBridge "Object Created" event for the version. */
	static String eventBridge(String account, HostileCase.Version version) {
		return "{\"version\":\"0\",\"detail-type\":\"Object Created\",\"source\":\"aws.s3\",\"account\":\"" + account
				+ "\",\"region\":\"" + AwsEmulator.REGION + "\",\"detail\":{\"bucket\":{\"name\":\"" + version.bucket()
				+ "\"},\"object\":{\"key\":\"" + version.key() + "\",\"size\":1,\"etag\":\"" + version.eTag() + "\"}}}";
	}

	/** As S3 encodes keys in events: each path segment form-encoded, slashes kept. */
	static String encodeKey(String key) {
		return Stream.of(key.split("/", -1))
			.map((segment) -> URLEncoder.encode(segment, StandardCharsets.UTF_8))
			.collect(Collectors.joining("/"));
	}

	private static PutObjectResponse write(S3Client s3, String bucket, String key, byte[] content,
			Map<String, String> tags) {
		String tagging = tags.entrySet()
			.stream()
			.map((tag) -> URLEncoder.encode(tag.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(tag.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return s3.putObject((request) -> {
			request.bucket(bucket).key(key);
			if (!tagging.isEmpty()) {
				request.tagging(tagging);
			}
		}, RequestBody.fromBytes(content));
	}

	private static HostileCase.Version version(String bucket, String key, PutObjectResponse put) {
		return new HostileCase.Version(bucket, key, put.versionId(), put.eTag());
	}

}
