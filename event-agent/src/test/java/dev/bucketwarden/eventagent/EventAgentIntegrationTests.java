package dev.bucketwarden.eventagent;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.sqs.model.Message;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.samples.Samples;
import dev.bucketwarden.store.results.DynamoDbResultStore;
import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.tags.TaggingStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The event agent end to end on real servers: objects are written through the local S3
 * event relay (as users write to S3), the relay raises SNS-wrapped S3 events on the scan
 * queue, and the agent scans them with a real clamd, tags, quarantines, records in
 * DynamoDB Local and publishes findings to ElasticMQ.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class EventAgentIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private final TestStack stack = TestStack.get();

	private final DynamoDbResultStore results = new DynamoDbResultStore(this.stack.dynamo, TestStack.RESULTS_TABLE);

	@DynamicPropertySource
	static void stack(DynamicPropertyRegistry registry) {
		TestStack.get().register(registry);
	}

	@Test
	void shouldQuarantineInfectedObject() {
		PutObjectResponse put = put(TestStack.UPLOADS, "incoming/eicar.com", Samples.eicar(), Map.of());

		ScanRecord record = awaitRecord(TestStack.UPLOADS, "incoming/eicar.com", null, put.eTag(),
				(r) -> r.published());
		assertThat(record.status()).isEqualTo(ResultStatus.INFECTED);
		assertThat(record.signatures()).singleElement().asString().startsWith("BucketWarden.Test.Eicar");
		assertThat(record.remediation()).isEqualTo(RemediationState.QUARANTINED);
		assertThat(exists(TestStack.UPLOADS, "incoming/eicar.com")).isFalse();
		String quarantined = TestStack.UPLOADS + "/incoming/eicar.com";
		assertThat(this.stack.s3.getObjectAsBytes((r) -> r.bucket(TestStack.QUARANTINE).key(quarantined)).asByteArray())
			.isEqualTo(Samples.eicar());
		assertThat(tags(TestStack.QUARANTINE, quarantined, null)).containsEntry("scan-result", "Infected")
			.containsKey("virus-name");
		assertThat(findingFor(record.id())).contains("\"result\":\"Infected\"");
	}

	@Test
	void shouldTagCleanObjectAndPublishItsFinding() {
		PutObjectResponse put = put(TestStack.UPLOADS, "clean/report.bin", Samples.random(200_000, 1), Map.of());

		Map<String, String> tags = awaitTags(TestStack.UPLOADS, "clean/report.bin", null);
		assertThat(tags).containsEntry("scan-result", "Clean").containsKey("scan-date");
		assertThat(tags.get("scan-engines")).startsWith("clamav:ClamAV");
		ScanRecord record = awaitRecord(TestStack.UPLOADS, "clean/report.bin", null, put.eTag(), ScanRecord::published);
		assertThat(record.engines()).singleElement().satisfies((engine) -> {
			assertThat(engine.signatureVersion()).isEqualTo("1");
			assertThat(engine.result()).isEqualTo("Clean");
		});
		assertThat(findingFor(record.id())).contains("\"result\":\"Clean\"");
	}

	@Test
	void shouldKeepTheUsersTags() {
		put(TestStack.KEEP, "tagged.txt", "hello".getBytes(), Map.of("owner", "finance", "project", "apollo"));

		assertThat(awaitTags(TestStack.KEEP, "tagged.txt", null)).containsEntry("owner", "finance")
			.containsEntry("project", "apollo")
			.containsEntry("scan-result", "Clean");
	}

	@Test
	void shouldRecordTheTagLimitInsteadOfDroppingUserTags() {
		Map<String, String> userTags = new LinkedHashMap<>();
		for (int i = 0; i < 10; i++) {
			userTags.put("user-" + i, "value-" + i);
		}
		PutObjectResponse put = put(TestStack.KEEP, "ten-tags.txt", "hello".getBytes(), userTags);

		ScanRecord record = awaitRecord(TestStack.KEEP, "ten-tags.txt", null, put.eTag(), ScanRecord::published);
		assertThat(record.tagging()).isEqualTo(TaggingStatus.MAX_TAG_LIMIT_EXCEEDED);
		assertThat(record.status()).isEqualTo(ResultStatus.CLEAN);
		assertThat(tags(TestStack.KEEP, "ten-tags.txt", null)).isEqualTo(userTags);
		assertThat(findingFor(record.id())).contains("MAX_TAG_LIMIT_EXCEEDED");
	}

	@Test
	void shouldWriteGuardDutyTagsInGuardDutyMode() {
		put(TestStack.GUARDDUTY, "clean.txt", "hello".getBytes(), Map.of());
		put(TestStack.GUARDDUTY, "eicar.com", Samples.eicar(), Map.of());

		assertThat(awaitTags(TestStack.GUARDDUTY, "clean.txt", null))
			.containsExactly(Map.entry("GuardDutyMalwareScanStatus", "NO_THREATS_FOUND"));
		assertThat(awaitTags(TestStack.GUARDDUTY, "eicar.com", null))
			.containsExactly(Map.entry("GuardDutyMalwareScanStatus", "THREATS_FOUND"));
	}

	@Test
	void shouldScanKeysWithSpacesPlusUnicodeAndDeepPrefixes() {
		List<String> keys = List.of("with space/file name.txt", "plus+sign/a+b.txt", "ünïcödé/日本語/ファイル.txt",
				"a/b/c/d/e/f/g/h/i/j/deep (1).txt", "eicar in folder/virus +1.com");
		put(TestStack.KEEP, keys.get(0), "1".getBytes(), Map.of());
		put(TestStack.KEEP, keys.get(1), "2".getBytes(), Map.of());
		put(TestStack.KEEP, keys.get(2), "3".getBytes(), Map.of());
		put(TestStack.KEEP, keys.get(3), "4".getBytes(), Map.of());
		put(TestStack.KEEP, keys.get(4), Samples.eicar(), Map.of());

		for (String key : keys.subList(0, 4)) {
			assertThat(awaitTags(TestStack.KEEP, key, null)).as(key).containsEntry("scan-result", "Clean");
		}
		assertThat(awaitTags(TestStack.KEEP, keys.get(4), null)).containsEntry("scan-result", "Infected");
	}

	@Test
	void shouldScanTheExactVersionOfAVersionedObject() {
		PutObjectResponse clean = put(TestStack.VERSIONED, "doc.txt", "version one".getBytes(), Map.of());
		PutObjectResponse infected = put(TestStack.VERSIONED, "doc.txt", Samples.eicar(), Map.of());
		assertThat(clean.versionId()).isNotEqualTo(infected.versionId());

		ScanRecord first = awaitRecord(TestStack.VERSIONED, "doc.txt", clean.versionId(), clean.eTag(),
				ScanRecord::published);
		ScanRecord second = awaitRecord(TestStack.VERSIONED, "doc.txt", infected.versionId(), infected.eTag(),
				ScanRecord::published);
		assertThat(first.status()).isEqualTo(ResultStatus.CLEAN);
		assertThat(second.status()).isEqualTo(ResultStatus.INFECTED);
		assertThat(second.remediation()).isEqualTo(RemediationState.QUARANTINED);
		// The infected version is gone (S3Mock still serves deleted versions by id, so
		// ask the
		// version listing); the clean one stays, tagged clean.
		assertThat(this.stack.s3.listObjectVersions((r) -> r.bucket(TestStack.VERSIONED).prefix("doc.txt"))
			.versions()
			.stream()
			.map((version) -> version.versionId())).contains(clean.versionId()).doesNotContain(infected.versionId());
		assertThat(tags(TestStack.VERSIONED, "doc.txt", clean.versionId())).containsEntry("scan-result", "Clean");
	}

	@Test
	void shouldScanAnEmptyObject() {
		put(TestStack.KEEP, "empty.txt", new byte[0], Map.of());

		assertThat(awaitTags(TestStack.KEEP, "empty.txt", null)).containsEntry("scan-result", "Clean");
	}

	@Test
	void shouldCallAnEncryptedZipUnscannable() {
		put(TestStack.KEEP, "secret.zip", Samples.encryptedZip(Map.of("a.pdf", Samples.random(5000, 2)), "pw"),
				Map.of());

		assertThat(awaitTags(TestStack.KEEP, "secret.zip", null)).containsEntry("scan-result", "Unscannable");
	}

	@Test
	void shouldAcceptRawS3EventsEventBridgeEventsAndMultiRecordMessages() {
		S3Client direct = AwsClients.s3(this.stack.s3mock);
		String etagA = direct
			.putObject((r) -> r.bucket(TestStack.KEEP).key("direct/a b.txt"), RequestBody.fromString("a"))
			.eTag()
			.replace("\"", "");
		String etagB = direct
			.putObject((r) -> r.bucket(TestStack.KEEP).key("direct/b.com"), RequestBody.fromBytes(Samples.eicar()))
			.eTag()
			.replace("\"", "");
		String etagC = direct
			.putObject((r) -> r.bucket(TestStack.KEEP).key("direct/c+d.txt"), RequestBody.fromString("c"))
			.eTag()
			.replace("\"", "");
		String raw = "{\"Records\":[" + s3Record(TestStack.KEEP, "direct/a+b.txt", etagA) + ","
				+ s3Record(TestStack.KEEP, "direct/b.com", etagB) + "]}";
		String eventBridge = "{\"version\":\"0\",\"detail-type\":\"Object Created\",\"source\":\"aws.s3\","
				+ "\"detail\":{\"bucket\":{\"name\":\"" + TestStack.KEEP + "\"},\"object\":{\"key\":\"direct/c+d.txt\","
				+ "\"size\":1,\"etag\":\"" + etagC + "\"}}}";

		send(raw);
		send(eventBridge);

		assertThat(awaitTags(TestStack.KEEP, "direct/a b.txt", null)).containsEntry("scan-result", "Clean");
		assertThat(awaitTags(TestStack.KEEP, "direct/b.com", null)).containsEntry("scan-result", "Infected");
		assertThat(awaitTags(TestStack.KEEP, "direct/c+d.txt", null)).containsEntry("scan-result", "Clean");
	}

	@Test
	void shouldRecordAnObjectDeletedBeforeTheScan() {
		send("{\"Records\":[" + s3Record(TestStack.UPLOADS, "gone/before-scan.txt", "0123456789abcdef0123456789abcdef")
				+ "]}");

		ScanRecord record = awaitRecord(TestStack.UPLOADS, "gone/before-scan.txt", null,
				"0123456789abcdef0123456789abcdef", (r) -> true);
		assertThat(record.status()).isEqualTo(ResultStatus.SKIPPED);
		assertThat(record.reason()).isEqualTo("not found");
	}

	@Test
	void shouldMovePoisonMessagesToTheDeadLetterQueue() {
		String poison = "{\"hello\":\"this is not an S3 event " + System.nanoTime() + "\"}";

		send(poison);

		String deadLetters = this.stack.elasticmq.queueUrl(TestStack.SCAN_QUEUE + "-dlq");
		Message dead = await().atMost(WAIT)
			.until(() -> this.stack.sqs
				.receiveMessage((r) -> r.queueUrl(deadLetters).maxNumberOfMessages(10).messageAttributeNames("All"))
				.messages()
				.stream()
				.filter((message) -> message.body().equals(poison))
				.findFirst(), Optional::isPresent)
			.orElseThrow();
		assertThat(dead.messageAttributes().get("bucketwardenReason").stringValue()).contains("neither an S3 event");
	}

	private void send(String body) {
		this.stack.sqs
			.sendMessage((r) -> r.queueUrl(this.stack.elasticmq.queueUrl(TestStack.SCAN_QUEUE)).messageBody(body));
	}

	private static String s3Record(String bucket, String encodedKey, String eTag) {
		return "{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\","
				+ "\"s3\":{\"bucket\":{\"name\":\"" + bucket + "\"},\"object\":{\"key\":\"" + encodedKey
				+ "\",\"size\":1,\"eTag\":\"" + eTag + "\"}}}";
	}

	private PutObjectResponse put(String bucket, String key, byte[] content, Map<String, String> tags) {
		String tagging = tags.entrySet()
			.stream()
			.map((tag) -> tag.getKey() + "=" + tag.getValue())
			.collect(Collectors.joining("&"));
		return this.stack.s3.putObject((request) -> {
			request.bucket(bucket).key(key);
			if (!tagging.isEmpty()) {
				request.tagging(tagging);
			}
		}, RequestBody.fromBytes(content));
	}

	private Map<String, String> awaitTags(String bucket, String key, String versionId) {
		return await().atMost(WAIT)
			.until(() -> tags(bucket, key, versionId),
					(tags) -> tags.containsKey("scan-result") || tags.containsKey("GuardDutyMalwareScanStatus"));
	}

	private Map<String, String> tags(String bucket, String key, String versionId) {
		Map<String, String> tags = new LinkedHashMap<>();
		for (Tag tag : this.stack.s3.getObjectTagging((request) -> request.bucket(bucket).key(key).versionId(versionId))
			.tagSet()) {
			tags.put(tag.key(), tag.value());
		}
		return tags;
	}

	private ScanRecord awaitRecord(String bucket, String key, String versionId, String eTag,
			java.util.function.Predicate<ScanRecord> condition) {
		String plainETag = eTag.replace("\"", "");
		return await().atMost(WAIT)
			.until(() -> this.results.find(bucket, key, versionId, plainETag),
					(record) -> record.isPresent() && condition.test(record.get()))
			.orElseThrow();
	}

	private boolean exists(String bucket, String key) {
		try {
			this.stack.s3.headObject((request) -> request.bucket(bucket).key(key));
			return true;
		}
		catch (NoSuchKeyException ex) {
			return false;
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 404) {
				return false;
			}
			throw ex;
		}
	}

	/**
	 * The finding with this id, from the findings queue (other tests' findings are
	 * skipped).
	 */
	private String findingFor(String id) {
		String queueUrl = this.stack.elasticmq.queueUrl(TestStack.FINDINGS_QUEUE);
		return await().atMost(WAIT).until(() -> {
			List<Message> messages = this.stack.sqs
				.receiveMessage((request) -> request.queueUrl(queueUrl)
					.maxNumberOfMessages(10)
					.waitTimeSeconds(1)
					.messageAttributeNames("All")
					.visibilityTimeout(0))
				.messages();
			return messages.stream()
				.filter((message) -> message.body().contains("\"id\":\"" + id + "\""))
				.peek((message) -> assertThat(message.messageAttributes()).containsKeys("notificationType",
						"scanResult"))
				.map(Message::body)
				.findFirst();
		}, Optional::isPresent).orElseThrow();
	}

}
