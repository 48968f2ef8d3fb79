package dev.bucketwarden.bench.chaos.event;

import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import dev.bucketwarden.bench.event.EventStack;

/**
 * Reads what the servers hold after a drain, straight from them (never through the
 * proxies): the results table, each manifest version's tags, the quarantine bucket's
 * copies with their digests, the findings queue (consumed, so counts add up over the
 * checks of one run) and the dead-letter queue.
 */
final class ServerState {

	private static final List<String> FINDING_FIELDS = List.of("bucket", "key", "versionId", "eTag");

	private static final Pattern EVENT_BUCKET = Pattern
		.compile("\\\\?\"bucket\\\\?\":\\s*\\{[^}]*?\\\\?\"name\\\\?\":\\s*\\\\?\"([^\"\\\\]+)");

	private static final Pattern EVENT_KEY = Pattern
		.compile("\\\\?\"object\\\\?\":\\s*\\{\\s*\\\\?\"key\\\\?\":\\s*\\\\?\"([^\"\\\\]+)");

	private static final int EMPTY_RECEIVES = 3;

	private final EventStack stack;

	private final String quarantineBucket;

	private final Map<VersionRef, Integer> findings = new ConcurrentHashMap<>();

	private long findingMessages;

	ServerState(EventStack stack, String quarantineBucket) {
		this.stack = stack;
		this.quarantineBucket = quarantineBucket;
	}

	/**
	 * Reads everything; the dead letters are received and kept invisible for a minute.
	 */
	Observed read(List<ManifestEntry> manifest, List<Message> deadLetters) {
		consumeFindings();
		Set<String> dead = new HashSet<>();
		deadLetters.forEach((message) -> dead.addAll(objects(message.body())));
		return new Observed(records(), sourceTags(manifest), quarantineCopies(), Map.copyOf(this.findings), dead);
	}

	long findingMessages() {
		return this.findingMessages;
	}

	Map<VersionRef, Observed.Record> records() {
		Map<VersionRef, Observed.Record> records = new HashMap<>();
		this.stack.dynamo.scanPaginator((request) -> request.tableName(EventStack.RESULTS_TABLE))
			.items()
			.stream()
			// the agents' usage roll-ups share the table (scan-store's
			// DynamoDbUsageTable.PK_PREFIX); they are not records
			.filter((item) -> !s(item, "pk").startsWith("USAGE#"))
			.forEach((item) -> records.put(
					VersionRef.of(s(item, "bucket"), s(item, "key"), s(item, "versionId"), s(item, "eTag")),
					new Observed.Record(s(item, "id"), s(item, "result"), s(item, "reason"),
							Long.parseLong(item.get("size").n()), s(item, "tagging"), s(item, "remediation"),
							Boolean.TRUE.equals(item.get("published").bool()), Instant.parse(s(item, "scannedAt")))));
		return records;
	}

	private Map<VersionRef, String> sourceTags(List<ManifestEntry> manifest) {
		Map<VersionRef, String> tags = new HashMap<>();
		Map<String, String> currentETags = new HashMap<>();
		Map<String, Set<String>> versions = new HashMap<>();
		for (ManifestEntry entry : manifest) {
			VersionRef version = entry.version();
			try {
				if (version.versionId() != null) {
					// Listed, not asked for: S3Mock still answers for a version it
					// deleted.
					Set<String> listed = versions.computeIfAbsent(Observed.objectKey(version.bucket(), version.key()),
							(ignored) -> versions(version.bucket(), version.key()));
					if (!listed.contains(version.versionId())) {
						continue;
					}
				}
				else {
					String current = currentETags.computeIfAbsent(Observed.objectKey(version.bucket(), version.key()),
							(ignored) -> currentETag(version.bucket(), version.key()));
					if (!version.eTag().equals(current)) {
						continue;
					}
				}
				tags.put(version, scanResult(this.stack.s3.getObjectTagging(
						(request) -> request.bucket(version.bucket()).key(version.key()).versionId(version.versionId()))
					.tagSet()));
			}
			catch (S3Exception ex) {
				if (ex.statusCode() != 404) {
					throw ex;
				}
			}
		}
		return tags;
	}

	/**
	 * The version ids of one key, listed by its prefix: S3Mock's ListObjectVersions loses
	 * versions across pages (3,120 versions of 2,600 keys listed as 2,722), so a
	 * whole-bucket listing would report versions that are there as gone.
	 */
	private Set<String> versions(String bucket, String key) {
		Set<String> versions = new HashSet<>();
		this.stack.s3.listObjectVersionsPaginator((request) -> request.bucket(bucket).prefix(key))
			.versions()
			.stream()
			.filter((version) -> version.key().equals(key))
			.forEach((version) -> versions.add(version.versionId()));
		return versions;
	}

	private String currentETag(String bucket, String key) {
		try {
			HeadObjectResponse head = this.stack.s3.headObject((request) -> request.bucket(bucket).key(key));
			return head.eTag().replace("\"", "");
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 404) {
				return "";
			}
			throw ex;
		}
	}

	private static String scanResult(List<Tag> tags) {
		return tags.stream().filter((tag) -> tag.key().equals("scan-result")).map(Tag::value).findFirst().orElse("");
	}

	private Map<String, Integer> quarantineCopies() {
		Map<String, Integer> copies = new HashMap<>();
		// Keys from ListObjectsV2, whose pages S3Mock gets right, then each key's
		// versions
		// (see versions(bucket, key)).
		List<ObjectVersion> versions = new ArrayList<>();
		this.stack.s3.listObjectsV2Paginator((request) -> request.bucket(this.quarantineBucket))
			.contents()
			.forEach((object) -> this.stack.s3
				.listObjectVersionsPaginator((request) -> request.bucket(this.quarantineBucket).prefix(object.key()))
				.versions()
				.stream()
				.filter((version) -> version.key().equals(object.key()))
				.forEach(versions::add));
		for (ObjectVersion version : versions) {
			InputStream in = this.stack.s3.getObject((request) -> request.bucket(this.quarantineBucket)
				.key(version.key())
				.versionId(version.versionId()));
			// The copy's key is <source bucket>/<source key>.
			copies.merge(version.key() + "#" + LoadWriter.sha256(in), 1, Integer::sum);
		}
		return copies;
	}

	private void consumeFindings() {
		String url = this.stack.findingsQueueUrl();
		for (int empty = 0, round = 0; empty < EMPTY_RECEIVES && round < 100_000; round++) {
			List<Message> messages = this.stack.sqs
				.receiveMessage((request) -> request.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
				.messages();
			if (messages.isEmpty()) {
				empty++;
				continue;
			}
			empty = 0;
			for (Message message : messages) {
				this.findingMessages++;
				Map<String, String> fields = fields(message.body());
				if (fields.containsKey("bucket") && fields.containsKey("key")) {
					this.findings.merge(VersionRef.of(fields.get("bucket"), fields.get("key"), fields.get("versionId"),
							fields.get("eTag")), 1, Integer::sum);
				}
			}
			delete(url, messages);
		}
	}

	/**
	 * Every message of the dead-letter queue, received and invisible for {@code seconds}.
	 */
	List<Message> deadLetters(int seconds) {
		String url = this.stack.deadLetterQueueUrl();
		List<Message> all = new ArrayList<>();
		for (int empty = 0, round = 0; empty < EMPTY_RECEIVES && round < 100_000; round++) {
			List<Message> messages = this.stack.sqs
				.receiveMessage((request) -> request.queueUrl(url)
					.maxNumberOfMessages(10)
					.visibilityTimeout(seconds)
					.waitTimeSeconds(0))
				.messages();
			if (messages.isEmpty()) {
				empty++;
			}
			else {
				empty = 0;
				all.addAll(messages);
			}
		}
		return all;
	}

	/** Moves the messages back to the scan queue, as an operator's redrive does. */
	void redrive(List<Message> deadLetters) {
		String scanQueue = this.stack.scanQueueUrl();
		for (Message message : deadLetters) {
			this.stack.sqs.sendMessage((request) -> request.queueUrl(scanQueue).messageBody(message.body()));
		}
		for (int i = 0; i < deadLetters.size(); i += 10) {
			delete(this.stack.deadLetterQueueUrl(), deadLetters.subList(i, Math.min(deadLetters.size(), i + 10)));
		}
	}

	/** Messages waiting, in flight or delayed. */
	int queued(String url) {
		Map<QueueAttributeName, String> attributes = this.stack.sqs
			.getQueueAttributes((request) -> request.queueUrl(url)
				.attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
						QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
						QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
			.attributes();
		return attributes.values().stream().mapToInt(Integer::parseInt).sum();
	}

	/** The {@code bucket/key} of every S3 record in an event message. */
	static List<String> objects(String body) {
		List<String> objects = new ArrayList<>();
		Matcher bucket = EVENT_BUCKET.matcher(body);
		Matcher key = EVENT_KEY.matcher(body);
		while (bucket.find() && key.find()) {
			objects.add(Observed.objectKey(bucket.group(1), URLDecoder.decode(key.group(1), StandardCharsets.UTF_8)));
		}
		return objects;
	}

	private void delete(String url, List<Message> messages) {
		if (messages.isEmpty()) {
			return;
		}
		List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
		for (int i = 0; i < messages.size(); i++) {
			Message message = messages.get(i);
			entries.add(DeleteMessageBatchRequestEntry.builder()
				.id(Integer.toString(i))
				.receiptHandle(message.receiptHandle())
				.build());
		}
		this.stack.sqs.deleteMessageBatch((request) -> request.queueUrl(url).entries(entries));
	}

	/** A finding's first string value of each field that names its version. */
	static Map<String, String> fields(String json) {
		Map<String, String> fields = new HashMap<>();
		for (String field : FINDING_FIELDS) {
			Matcher value = Pattern.compile("\"" + field + "\":\"((?:\\\\.|[^\"\\\\])*)\"").matcher(json);
			if (value.find()) {
				fields.put(field, value.group(1).replace("\\\"", "\""));
			}
		}
		return fields;
	}

	private static String s(Map<String, AttributeValue> item, String name) {
		AttributeValue value = item.get(name);
		return (value != null) ? value.s() : null;
	}

}
