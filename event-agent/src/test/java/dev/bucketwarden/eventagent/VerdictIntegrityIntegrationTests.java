package dev.bucketwarden.eventagent;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bucketwarden.agent.remediation.QuarantineKey;
import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.samples.Samples;
import dev.bucketwarden.local.support.AwsEmulator;
import dev.bucketwarden.store.results.DynamoDbResultStore;
import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.tags.TaggingStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Verdicts nobody can forge or lose, tried as an attacker and as unlucky timing would: a
 * redelivered event, a forged result tag beside nine user tags, two deliveries of one
 * event at once, an event without its version, a key of S3's full length, a malformed
 * key, a forged message for a bucket nobody protected and one from another topic. The
 * agent of this class has its own scan queue, findings queue and buckets (a lane), and
 * checks where messages come from as in AWS.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class VerdictIntegrityIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final TestStack stack = TestStack.get();

	private static final TestStack.Lane lane = stack.lane("integrity");

	/** A second protected bucket of the lane, whose infected objects are kept. */
	private static final String KEEP = "integrity-keep";

	/** A bucket the agent's role could reach but nobody protected. */
	private static final String UNPROTECTED = "integrity-elsewhere";

	private static final String FINDINGS = stack.sqs.createQueue((r) -> r.queueName("integrity-findings")).queueUrl();

	private static final S3Client direct = AwsClients.s3(stack.s3mock);

	static {
		direct.createBucket((r) -> r.bucket(KEEP));
		direct.createBucket((r) -> r.bucket(UNPROTECTED));
		lane.relay().protect(KEEP);
	}

	private final DynamoDbResultStore results = new DynamoDbResultStore(stack.dynamo, TestStack.RESULTS_TABLE);

	@DynamicPropertySource
	static void stack(DynamicPropertyRegistry registry) {
		stack.register(registry);
		registry.add("bucketwarden.event-agent.queue", lane::queue);
		registry.add("bucketwarden.findings.queue-url", () -> FINDINGS);
		registry.add("bucketwarden.buckets.overrides." + KEEP + ".remediation", () -> "KEEP");
		registry.add("bucketwarden.trust.protected-buckets",
				() -> lane.bucket() + "," + KEEP + "," + TestStack.VERSIONED);
		registry.add("bucketwarden.trust.topic-arns", () -> lane.relay().scanTopicArn());
		registry.add("bucketwarden.trust.allowed-regions", () -> AwsEmulator.REGION);
	}

	@AfterAll
	static void stop() {
		lane.relay().close();
	}

	@Test
	void shouldKeepTheQuarantinedVerdictWhenTheEventIsDeliveredAgain() {
		PutObjectResponse put = lane.s3()
			.putObject((r) -> r.bucket(lane.bucket()).key("again/eicar.com"), RequestBody.fromBytes(Samples.eicar()));
		ScanRecord quarantined = awaitRecord(lane.bucket(), "again/eicar.com", null, put.eTag(), ScanRecord::published);
		assertThat(quarantined.remediation()).isEqualTo(RemediationState.QUARANTINED);

		send(s3Event(lane.bucket(), "again/eicar.com", null, put.eTag()));
		awaitDrained();

		assertThat(this.results.find(lane.bucket(), "again/eicar.com", null, etag(put.eTag()))).contains(quarantined);
	}

	@Test
	void shouldReplaceAForgedCleanTagBesideNineUserTagsWithTheVerdict() {
		PutObjectResponse put = lane.s3()
			.putObject((r) -> r.bucket(KEEP).key("forged/eicar.com").tagging(nineUserTagsAnd("scan-result=Clean")),
					RequestBody.fromBytes(Samples.eicar()));

		ScanRecord record = awaitRecord(KEEP, "forged/eicar.com", null, put.eTag(), ScanRecord::published);
		assertThat(record.status()).isEqualTo(ResultStatus.INFECTED);
		assertThat(record.tagging()).isEqualTo(TaggingStatus.PARTIAL);
		assertThat(record.droppedTags()).containsExactly("virus-name", "scan-date", "scan-engines");
		Map<String, String> tags = tags(KEEP, "forged/eicar.com");
		assertThat(tags).hasSize(10).containsEntry("scan-result", "Infected").containsEntry("user-8", "v8");
	}

	@Test
	void shouldReplaceAForgedInfectedTagOnACleanObject() {
		PutObjectResponse put = lane.s3()
			.putObject((r) -> r.bucket(KEEP).key("forged/clean.txt").tagging(nineUserTagsAnd("scan-result=Infected")),
					RequestBody.fromString("harmless"));

		ScanRecord record = awaitRecord(KEEP, "forged/clean.txt", null, put.eTag(), ScanRecord::published);
		assertThat(record.status()).isEqualTo(ResultStatus.CLEAN);
		assertThat(tags(KEEP, "forged/clean.txt")).hasSize(10).containsEntry("scan-result", "Clean");
	}

	@Test
	void shouldGiveTheQuarantineCopyTheVerdictNotTheForgedTag() {
		PutObjectResponse put = lane.s3()
			.putObject((
					r) -> r.bucket(lane.bucket()).key("forged/moved.com").tagging(nineUserTagsAnd("scan-result=Clean")),
					RequestBody.fromBytes(Samples.eicar()));

		ScanRecord record = awaitRecord(lane.bucket(), "forged/moved.com", null, put.eTag(), ScanRecord::published);
		assertThat(record.remediation()).isEqualTo(RemediationState.QUARANTINED);
		assertThat(tags(TestStack.QUARANTINE, lane.bucket() + "/forged/moved.com")).containsEntry("scan-result",
				"Infected");
	}

	@Test
	void shouldQuarantineAndPublishOnceWhenOneEventArrivesThreeTimesAtOnce() {
		String key = "concurrent/eicar-" + System.nanoTime() + ".com";
		String eTag = direct.putObject((r) -> r.bucket(lane.bucket()).key(key), RequestBody.fromBytes(Samples.eicar()))
			.eTag();
		String event = s3Event(lane.bucket(), key, null, eTag);

		stack.sqs.sendMessageBatch((r) -> r.queueUrl(lane.queueUrl())
			.entries((e) -> e.id("a").messageBody(event), (e) -> e.id("b").messageBody(event),
					(e) -> e.id("c").messageBody(event)));

		ScanRecord record = awaitRecord(lane.bucket(), key, null, eTag, ScanRecord::published);
		awaitDrained();
		assertThat(record.remediation()).isEqualTo(RemediationState.QUARANTINED);
		assertThat(this.results.find(lane.bucket(), key, null, etag(eTag))).contains(record);
		assertThat(findingsAbout(key)).hasSize(1);
		assertThat(direct.listObjectVersions((r) -> r.bucket(TestStack.QUARANTINE).prefix(lane.bucket() + "/" + key))
			.versions()).hasSize(1);
	}

	@Test
	void shouldScanTheVersionAnEventsETagNamesWhenTheEventNamesNoVersion() {
		PutObjectResponse infected = direct.putObject((r) -> r.bucket(TestStack.VERSIONED).key("no-version/doc.com"),
				RequestBody.fromBytes(Samples.eicar()));
		direct.putObject((r) -> r.bucket(TestStack.VERSIONED).key("no-version/doc.com"),
				RequestBody.fromString("a newer, harmless version"));

		send(s3Event(TestStack.VERSIONED, "no-version/doc.com", null, infected.eTag()));

		ScanRecord record = awaitRecord(TestStack.VERSIONED, "no-version/doc.com", infected.versionId(),
				infected.eTag(), ScanRecord::published);
		assertThat(record.status()).isEqualTo(ResultStatus.INFECTED);
		assertThat(record.remediation()).isEqualTo(RemediationState.QUARANTINED);
	}

	@Test
	void shouldRecordWhyAnOverwrittenUnversionedObjectWasNotScanned() {
		PutObjectResponse first = direct.putObject((r) -> r.bucket(KEEP).key("overwritten.txt"),
				RequestBody.fromString("first"));
		direct.putObject((r) -> r.bucket(KEEP).key("overwritten.txt"), RequestBody.fromString("second"));

		send(s3Event(KEEP, "overwritten.txt", null, first.eTag()));

		ScanRecord record = awaitRecord(KEEP, "overwritten.txt", null, first.eTag(), (r) -> true);
		assertThat(record.status()).isEqualTo(ResultStatus.SKIPPED);
		assertThat(record.reason()).startsWith("overwritten since the event");
	}

	@Test
	void shouldQuarantineAnObjectWithAKeyOfS3sFullLengthUnderAKeyThatFits() {
		String key = "long/" + "k".repeat(1019);
		assertThat(key.getBytes(StandardCharsets.UTF_8)).hasSize(1024);
		PutObjectResponse put = lane.s3()
			.putObject((r) -> r.bucket(lane.bucket()).key(key), RequestBody.fromBytes(Samples.eicar()));

		ScanRecord record = awaitRecord(lane.bucket(), key, null, put.eTag(), ScanRecord::published);

		assertThat(record.remediation()).isEqualTo(RemediationState.QUARANTINED);
		String quarantineKey = record.quarantineLocation().substring(("s3://" + TestStack.QUARANTINE + "/").length());
		assertThat(quarantineKey.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
		HeadObjectResponse copy = direct.headObject((r) -> r.bucket(TestStack.QUARANTINE).key(quarantineKey));
		assertThat(copy.metadata()).containsEntry(QuarantineKey.SOURCE_BUCKET, lane.bucket());
		assertThat(new String(Base64.getUrlDecoder().decode(copy.metadata().get(QuarantineKey.SOURCE_KEY)),
				StandardCharsets.UTF_8))
			.isEqualTo(key);
	}

	@Test
	void shouldDeadLetterAKeyWithAnInvalidEscapeAtOnceWithTheReason() {
		String event = s3EventWithEncodedKey(lane.bucket(), "bad%zzescape-" + System.nanoTime(), null, "0123");

		send(event);

		Message dead = awaitDeadLetter(event);
		// The reason comes with the agent's own move, not with the queue's redrive after
		// the last attempt.
		assertThat(dead.messageAttributes().get("bucketwardenReason").stringValue()).contains("not URL-encoded");
	}

	@Test
	void shouldLeaveAnInfectedObjectInABucketNobodyProtectedUntouched() {
		PutObjectResponse put = direct.putObject((r) -> r.bucket(UNPROTECTED).key("forged/eicar.com"),
				RequestBody.fromBytes(Samples.eicar()));

		send(s3Event(UNPROTECTED, "forged/eicar.com", null, put.eTag()));

		ScanRecord record = awaitRecord(UNPROTECTED, "forged/eicar.com", null, put.eTag(), (r) -> true);
		assertThat(record.status()).isEqualTo(ResultStatus.SKIPPED);
		assertThat(record.reason()).startsWith("not protected");
		assertThat(direct.getObjectAsBytes((r) -> r.bucket(UNPROTECTED).key("forged/eicar.com")).asByteArray())
			.isEqualTo(Samples.eicar());
		assertThat(tags(UNPROTECTED, "forged/eicar.com")).isEmpty();
	}

	@Test
	void shouldRefuseAnSnsNotificationFromAnotherTopic() {
		String inner = s3Event(KEEP, "forged/from-elsewhere.com", null, "0123456789abcdef0123456789abcdef");
		String forged = "{\"Type\":\"Notification\",\"MessageId\":\"" + System.nanoTime() + "\","
				+ "\"TopicArn\":\"arn:aws:sns:us-east-1:999999999999:attacker\",\"Message\":" + quoted(inner) + "}";

		send(forged);

		Message dead = awaitDeadLetter(forged);
		assertThat(dead.messageAttributes().get("bucketwardenReason").stringValue()).startsWith("rejected: SNS")
			.contains("attacker");
	}

	private void send(String body) {
		stack.sqs.sendMessage((r) -> r.queueUrl(lane.queueUrl()).messageBody(body));
	}

	/** An S3 event as S3 writes it (key form-encoded), in the stack's region. */
	private static String s3Event(String bucket, String key, String versionId, String eTag) {
		return s3EventWithEncodedKey(bucket, URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/"),
				versionId, eTag);
	}

	private static String s3EventWithEncodedKey(String bucket, String encoded, String versionId, String eTag) {
		return "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\""
				+ AwsEmulator.REGION + "\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"" + bucket
				+ "\"},\"object\":{\"key\":\"" + encoded + "\",\"size\":68,\"eTag\":\"" + etag(eTag) + "\""
				+ ((versionId != null) ? ",\"versionId\":\"" + versionId + "\"" : "") + "}}}]}";
	}

	private static String quoted(String json) {
		return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private static String etag(String eTag) {
		return eTag.replace("\"", "");
	}

	private static String nineUserTagsAnd(String extra) {
		List<String> tags = new ArrayList<>();
		for (int i = 0; i < 9; i++) {
			tags.add("user-" + i + "=v" + i);
		}
		tags.add(extra);
		return String.join("&", tags);
	}

	private ScanRecord awaitRecord(String bucket, String key, String versionId, String eTag,
			Predicate<ScanRecord> condition) {
		return await().atMost(WAIT)
			.until(() -> this.results.find(bucket, key, versionId, etag(eTag)),
					(record) -> record.isPresent() && condition.test(record.get()))
			.orElseThrow();
	}

	/** Waits until the lane's scan queue holds nothing, visible or in flight. */
	private void awaitDrained() {
		await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
			Map<QueueAttributeName, String> attributes = stack.sqs
				.getQueueAttributes((r) -> r.queueUrl(lane.queueUrl())
					.attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
							QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
				.attributes();
			return "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
					&& "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
		});
	}

	private Message awaitDeadLetter(String body) {
		return await().atMost(WAIT)
			.until(() -> stack.sqs
				.receiveMessage((r) -> r.queueUrl(lane.deadLetterQueueUrl())
					.maxNumberOfMessages(10)
					.waitTimeSeconds(1)
					.messageAttributeNames("All"))
				.messages()
				.stream()
				.filter((message) -> message.body().equals(body))
				.findFirst(), Optional::isPresent)
			.orElseThrow();
	}

	/** Every finding on this class's findings queue about the key (read and deleted). */
	private List<String> findingsAbout(String key) {
		List<String> found = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			List<Message> messages = stack.sqs
				.receiveMessage((r) -> r.queueUrl(FINDINGS).maxNumberOfMessages(10).waitTimeSeconds(1))
				.messages();
			for (Message message : messages) {
				if (message.body().contains(key)) {
					found.add(message.body());
				}
				stack.sqs.deleteMessage((r) -> r.queueUrl(FINDINGS).receiptHandle(message.receiptHandle()));
			}
		}
		return found;
	}

	private Map<String, String> tags(String bucket, String key) {
		return direct.getObjectTagging((r) -> r.bucket(bucket).key(key))
			.tagSet()
			.stream()
			.collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b, LinkedHashMap::new));
	}

}
