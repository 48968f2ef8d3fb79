package dev.bucketwarden.eventagent;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bucketwarden.agent.remediation.QuarantineKey;
import dev.bucketwarden.eventagent.HostileCase.Version;
import dev.bucketwarden.store.results.DynamoDbResultStore;
import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.tags.TagKeys;
import dev.bucketwarden.store.tags.TaggingStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hostile-input corpus ({@link HostileCorpus}) against a real agent, clamd, S3Mock,
 * ElasticMQ and DynamoDB Local: every case is written or sent first, so the agent works
 * on all of them at once, then each case's outcome is checked as a test of its own, and
 * last the queue must be empty and the dead-letter queue hold exactly the cases that say
 * so.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Import(CutS3Bodies.class)
class HostileInputsIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(90);

	private final HostileStack hostile = HostileStack.get();

	private final DynamoDbResultStore results = new DynamoDbResultStore(this.hostile.stack.dynamo,
			TestStack.RESULTS_TABLE);

	/** Dead-lettered bodies and their reasons, as they are drained from the DLQ. */
	private final Map<String, String> deadLetters = new ConcurrentHashMap<>();

	@DynamicPropertySource
	static void stack(DynamicPropertyRegistry registry) {
		HostileStack.get().register(registry);
	}

	@TestFactory
	Stream<DynamicTest> shouldGiveEveryHostileInputItsDefinedOutcome() {
		HostileFixture fixture = new HostileFixture(this.hostile);
		List<Prepared> prepared = new ArrayList<>();
		for (HostileCase hostileCase : HostileCorpus.all()) {
			try {
				prepared.add(new Prepared(hostileCase, hostileCase.setup().prepare(fixture), null));
			}
			catch (Exception ex) {
				prepared.add(new Prepared(hostileCase, null, ex));
			}
		}
		Set<String> deadLettered = prepared.stream()
			.filter((p) -> p.hostileCase().outcome() instanceof HostileCase.DeadLettered && p.subject() != null)
			.map((p) -> p.subject().message())
			.collect(Collectors.toSet());
		List<Version> retried = prepared.stream()
			.filter((p) -> p.hostileCase().outcome() instanceof HostileCase.Recorded recorded && recorded.retried()
					&& p.subject() != null)
			.flatMap((p) -> p.subject().versions().stream())
			.toList();
		return Stream.concat(
				prepared.stream()
					.map((p) -> DynamicTest.dynamicTest(p.hostileCase().group() + ": " + p.hostileCase().name(),
							() -> check(p))),
				Stream.of(DynamicTest.dynamicTest("every message acknowledged or dead-lettered as the table says",
						() -> checkQueues(deadLettered, retried))));
	}

	private void check(Prepared prepared) throws Exception {
		if (prepared.failure() != null) {
			throw prepared.failure();
		}
		HostileCase.Subject subject = prepared.subject();
		switch (prepared.hostileCase().outcome()) {
			case HostileCase.Recorded recorded -> {
				for (Version version : subject.versions()) {
					checkRecorded(version, recorded);
				}
			}
			case HostileCase.DeadLettered dead -> {
				await().atMost(WAIT).until(() -> drainDeadLetters().containsKey(subject.message()));
				assertThat(this.deadLetters.get(subject.message())).contains(dead.reason());
				for (Version version : subject.versions()) {
					// Named by a refused message: never read, recorded, tagged or moved.
					assertThat(this.results.find(version.bucket(), version.key(), version.versionId(), version.eTag()))
						.as("record of %s", version)
						.isEmpty();
					assertThat(exists(version)).as("still in its bucket").isTrue();
					assertThat(tags(version.bucket(), version.key(), version.versionId()))
						.doesNotContainKey(TagKeys.RESULT);
				}
			}
			case HostileCase.Ignored ignored -> {
				awaitScanQueueEmpty();
				assertThat(drainDeadLetters()).doesNotContainKey(subject.message());
			}
		}
	}

	private void checkRecorded(Version version, HostileCase.Recorded expected) {
		ScanRecord record = await().atMost(WAIT)
			.until(() -> this.results.find(version.bucket(), version.key(), version.versionId(), version.eTag()),
					(found) -> found.isPresent()
							&& (found.get().published() || found.get().status() == ResultStatus.SKIPPED))
			.orElseThrow();
		assertThat(record.status()).as("result of %s", version).isEqualTo(expected.status());
		if (expected.reason() != null) {
			assertThat(record.reason()).as("reason").contains(expected.reason());
		}
		assertThat(record.tagging()).as("tagging").isEqualTo(expected.tagging());
		switch (expected.placement()) {
			case KEPT -> {
				assertThat(record.remediation()).isNotEqualTo(RemediationState.QUARANTINED);
				assertThat(exists(version)).as("still in its bucket").isTrue();
				checkTags(tags(version.bucket(), version.key(), version.versionId()), record, version.bucket());
			}
			case QUARANTINED -> {
				assertThat(record.remediation()).isEqualTo(RemediationState.QUARANTINED);
				assertThat(exists(version)).as("gone from its bucket").isFalse();
				String copy = QuarantineKey.of(version.bucket(), version.key()).key();
				assertThat(copy.getBytes(StandardCharsets.UTF_8).length).as("quarantine key bytes")
					.isLessThanOrEqualTo(QuarantineKey.S3_MAX_KEY_BYTES);
				checkTags(tags(TestStack.QUARANTINE, copy, null), record, version.bucket());
			}
			case ABSENT -> {
				assertThat(record.remediation()).isIn(RemediationState.NONE, null);
				if (exists(new Version(version.bucket(), version.key(), null, version.eTag()))) {
					// What is there now is other content: this record's verdict is not on
					// it.
					assertThat(tags(version.bucket(), version.key(), null)).doesNotContainKey(TagKeys.RESULT);
				}
			}
		}
	}

	/** The tags agree with the record: never a result tag that says otherwise. */
	private static void checkTags(Map<String, String> tags, ScanRecord record, String bucket) {
		boolean guardDuty = bucket.equals(HostileStack.GUARDDUTY);
		String resultKey = guardDuty ? TagKeys.GUARDDUTY : TagKeys.RESULT;
		String resultValue = guardDuty ? record.status().guardDutyValue(null) : record.status().label();
		assertThat(tags).as("the other schema's result tag")
			.doesNotContainKey(guardDuty ? TagKeys.RESULT : TagKeys.GUARDDUTY);
		if (record.tagging() == TaggingStatus.TAGGED || record.tagging() == TaggingStatus.PARTIAL) {
			assertThat(tags).as("tags").containsEntry(resultKey, resultValue);
		}
		else {
			assertThat(tags).as("tags").doesNotContainKey(resultKey);
		}
	}

	/**
	 * The scan queue is empty, and the dead-letter queue holds the messages of the cases
	 * that say so, each once, and nothing else.
	 */
	private void checkQueues(Set<String> deadLettered, List<Version> retried) {
		awaitScanQueueEmpty();
		await().atMost(WAIT).until(() -> drainDeadLetters().keySet().containsAll(deadLettered));
		List<String> others = drainDeadLetters().keySet()
			.stream()
			.filter((body) -> !deadLettered.contains(body))
			.toList();
		assertThat(others).as("dead-lettered after their last attempt").hasSameSizeAs(retried);
		for (Version version : retried) {
			assertThat(others).as("dead-lettered after their last attempt")
				.anySatisfy((body) -> assertThat(body).contains(HostileFixture.encodeKey(version.key())));
		}
	}

	private void awaitScanQueueEmpty() {
		await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
			Map<QueueAttributeName, String> attributes = this.hostile.stack.sqs
				.getQueueAttributes((request) -> request.queueUrl(this.hostile.lane.queueUrl())
					.attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
							QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
							QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
				.attributes();
			return attributes.values().stream().allMatch("0"::equals);
		});
	}

	private synchronized Map<String, String> drainDeadLetters() {
		String url = this.hostile.lane.deadLetterQueueUrl();
		List<Message> messages;
		do {
			messages = this.hostile.stack.sqs
				.receiveMessage((request) -> request.queueUrl(url).maxNumberOfMessages(10).messageAttributeNames("All"))
				.messages();
			for (Message message : messages) {
				this.deadLetters.put(message.body(),
						Optional.ofNullable(message.messageAttributes().get("bucketwardenReason"))
							.map((reason) -> reason.stringValue())
							.orElse("(none: moved by the redrive policy)"));
				this.hostile.stack.sqs
					.deleteMessage((request) -> request.queueUrl(url).receiptHandle(message.receiptHandle()));
			}
		}
		while (!messages.isEmpty());
		return this.deadLetters;
	}

	private boolean exists(Version version) {
		if (version.versionId() != null) {
			// S3Mock still serves a deleted version by its id: ask the version listing.
			return this.hostile.direct
				.listObjectVersions((request) -> request.bucket(version.bucket()).prefix(version.key()))
				.versions()
				.stream()
				.anyMatch((listed) -> listed.key().equals(version.key())
						&& listed.versionId().equals(version.versionId()));
		}
		try {
			this.hostile.direct.headObject((request) -> request.bucket(version.bucket()).key(version.key()));
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

	private Map<String, String> tags(String bucket, String key, String versionId) {
		Map<String, String> tags = new LinkedHashMap<>();
		// S3Mock answers an empty value (no engine ran) as no value.
		this.hostile.direct.getObjectTagging((request) -> request.bucket(bucket).key(key).versionId(versionId))
			.tagSet()
			.forEach((tag) -> tags.put(tag.key(), (tag.value() != null) ? tag.value() : ""));
		return tags;
	}

	private record Prepared(HostileCase hostileCase, HostileCase.Subject subject, Exception failure) {
	}

}
