package dev.bucketwarden.local.s3events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.FilterRuleName;
import software.amazon.awssdk.services.s3.model.GetBucketNotificationConfigurationResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NotificationConfiguration;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.TopicConfiguration;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.aws.SqsQueues;
import dev.bucketwarden.local.elasticmq.ElasticMqServer;
import dev.bucketwarden.local.junit.ElasticMqExtension;
import dev.bucketwarden.local.junit.S3MockExtension;
import dev.bucketwarden.local.s3mock.S3MockServer;
import dev.bucketwarden.local.support.AwsEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The relay's bucket notification API through the AWS SDK, against S3Mock and ElasticMQ:
 * configurations kept per bucket as S3 keeps them, and each write's event sent where a
 * matching configuration says, SNS-wrapped through the scan topic or raw to a queue.
 */
@ExtendWith({ S3MockExtension.class, ElasticMqExtension.class })
class S3EventRelayIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static S3EventRelay relay;

	private static S3Client s3;

	/** Straight to S3Mock: writes that the relay does not see. */
	private static S3Client direct;

	private static SqsClient sqs;

	/** The scan topic's subscription. */
	private static String scanQueue;

	/** Another application's queue. */
	private static String otherQueue;

	private static String otherQueueArn;

	private final String bucket = "bucket-" + UUID.randomUUID();

	@BeforeAll
	static void start(S3MockServer s3mock, ElasticMqServer elasticmq) {
		sqs = AwsClients.sqs(elasticmq);
		String suffix = UUID.randomUUID().toString();
		scanQueue = sqs.createQueue((r) -> r.queueName("scan-" + suffix)).queueUrl();
		otherQueue = sqs.createQueue((r) -> r.queueName("other-app-" + suffix)).queueUrl();
		otherQueueArn = "arn:aws:sqs:elasticmq:000000000000:other-app-" + suffix;
		relay = S3EventRelay.start(s3mock.endpoint(),
				(body) -> sqs.sendMessage((r) -> r.queueUrl(scanQueue).messageBody(body)), SqsQueues.directory(sqs),
				AwsEmulator.REGION);
		s3 = AwsClients.s3(relay.endpoint());
		direct = AwsClients.s3(s3mock);
	}

	/** Each test counts the messages it causes. */
	@BeforeEach
	void drainQueues() {
		drain(scanQueue);
		drain(otherQueue);
	}

	@AfterAll
	static void stop() {
		s3.close();
		direct.close();
		relay.close();
		sqs.close();
	}

	@Test
	void shouldAnswerAnEmptyConfigurationUntilOneIsPutAndNoSuchBucketForAMissingBucket() {
		s3.createBucket((r) -> r.bucket(this.bucket));
		GetBucketNotificationConfigurationResponse empty = s3
			.getBucketNotificationConfiguration((r) -> r.bucket(this.bucket));
		assertThat(empty.topicConfigurations()).isEmpty();
		assertThat(empty.queueConfigurations()).isEmpty();
		assertThat(empty.lambdaFunctionConfigurations()).isEmpty();
		assertThat(empty.eventBridgeConfiguration()).isNull();

		assertThatExceptionOfType(NoSuchBucketException.class)
			.isThrownBy(() -> s3.getBucketNotificationConfiguration((r) -> r.bucket("missing-" + this.bucket)));
		assertThatExceptionOfType(NoSuchBucketException.class)
			.isThrownBy(() -> s3.putBucketNotificationConfiguration((r) -> r.bucket("missing-" + this.bucket)
				.notificationConfiguration(only(ours(Event.S3_OBJECT_CREATED)))));
		assertThat(relay.protectedBuckets()).doesNotContain("missing-" + this.bucket);

		// A deleted bucket's configuration goes with it.
		s3.putBucketNotificationConfiguration(
				(r) -> r.bucket(this.bucket).notificationConfiguration(only(ours(Event.S3_OBJECT_CREATED))));
		s3.deleteBucket((r) -> r.bucket(this.bucket));
		s3.createBucket((r) -> r.bucket(this.bucket));
		assertThat(s3.getBucketNotificationConfiguration((r) -> r.bucket(this.bucket)).topicConfigurations()).isEmpty();
		drain(scanQueue);
	}

	@Test
	void shouldKeepAnotherApplicationsConfigurationBesideOursAndSendEachDestinationATestEvent() {
		s3.createBucket((r) -> r.bucket(this.bucket));
		QueueConfiguration foreign = QueueConfiguration.builder()
			.id("other-app")
			.queueArn(otherQueueArn)
			.events(Event.S3_OBJECT_REMOVED, Event.S3_OBJECT_TAGGING_PUT)
			.filter((filter) -> filter
				.key((key) -> key.filterRules((rule) -> rule.name(FilterRuleName.PREFIX).value("logs/"),
						(rule) -> rule.name(FilterRuleName.SUFFIX).value(".gz"))))
			.build();
		s3.putBucketNotificationConfiguration((r) -> r.bucket(this.bucket)
			.notificationConfiguration((c) -> c.queueConfigurations(foreign)
				.topicConfigurations(ours(Event.S3_OBJECT_CREATED))
				.eventBridgeConfiguration((eventBridge) -> {
				})));

		GetBucketNotificationConfigurationResponse read = s3
			.getBucketNotificationConfiguration((r) -> r.bucket(this.bucket));
		assertThat(read.queueConfigurations()).singleElement().satisfies((queue) -> {
			assertThat(queue.id()).isEqualTo("other-app");
			assertThat(queue.queueArn()).isEqualTo(otherQueueArn);
			assertThat(queue.eventsAsStrings()).containsExactly("s3:ObjectRemoved:*", "s3:ObjectTagging:Put");
			assertThat(queue.filter().key().filterRules()).extracting((rule) -> rule.nameAsString().toLowerCase())
				.containsExactly("prefix", "suffix");
			assertThat(queue.filter().key().filterRules()).extracting((rule) -> rule.value())
				.containsExactly("logs/", ".gz");
		});
		assertThat(read.topicConfigurations()).singleElement().satisfies((topic) -> {
			assertThat(topic.id()).isEqualTo("ours");
			assertThat(topic.topicArn()).isEqualTo(relay.scanTopicArn());
			assertThat(topic.eventsAsStrings()).containsExactly("s3:ObjectCreated:*");
		});
		assertThat(read.eventBridgeConfiguration()).isNotNull();
		assertThat(relay.protectedBuckets()).contains(this.bucket);

		// Put back without ours, as the console's wiring does when it unprotects.
		s3.putBucketNotificationConfiguration((r) -> r.bucket(this.bucket)
			.notificationConfiguration(NotificationConfiguration.builder()
				.queueConfigurations(read.queueConfigurations())
				.eventBridgeConfiguration(read.eventBridgeConfiguration())
				.build()));
		GetBucketNotificationConfigurationResponse rest = s3
			.getBucketNotificationConfiguration((r) -> r.bucket(this.bucket));
		assertThat(rest.topicConfigurations()).isEmpty();
		assertThat(rest.queueConfigurations()).isEqualTo(read.queueConfigurations());
		assertThat(relay.protectedBuckets()).doesNotContain(this.bucket);

		// S3 tests each destination of a configuration it accepts: raw to a queue,
		// wrapped by the topic.
		List<JsonNode> tests = receive(otherQueue, 2);
		assertThat(tests).allSatisfy((test) -> {
			assertThat(test.get("Event").asString()).isEqualTo("s3:TestEvent");
			assertThat(test.get("Bucket").asString()).isEqualTo(this.bucket);
		});
		JsonNode wrapped = receive(scanQueue, 1).get(0);
		assertThat(wrapped.get("TopicArn").asString()).isEqualTo(relay.scanTopicArn());
		assertThat(JSON.readTree(wrapped.get("Message").asString()).get("Event").asString()).isEqualTo("s3:TestEvent");
	}

	@Test
	void shouldSendEachWriteToTheConfigurationsWhoseEventNameAndKeyFiltersMatch() {
		s3.createBucket((r) -> r.bucket(this.bucket));
		s3.putBucketNotificationConfiguration(
				(r) -> r.bucket(this.bucket)
					.notificationConfiguration((c) -> c
						.queueConfigurations(
								(q) -> q.id("puts")
									.queueArn(otherQueueArn)
									.events(Event.S3_OBJECT_CREATED_PUT)
									.filter((f) -> f.key((k) -> k.filterRules(
											(rule) -> rule.name(FilterRuleName.PREFIX).value("in/"),
											(rule) -> rule.name(FilterRuleName.SUFFIX).value(".txt")))),
								(q) -> q.id("copies").queueArn(otherQueueArn).events(Event.S3_OBJECT_CREATED_COPY))
						.topicConfigurations((t) -> t.id("uploads")
							.topicArn(relay.scanTopicArn())
							.events(Event.S3_OBJECT_CREATED_COMPLETE_MULTIPART_UPLOAD))));
		drain(otherQueue);
		drain(scanQueue);

		put("in/a.bin");
		put("out/a.txt");
		s3.putObjectTagging((r) -> r.bucket(this.bucket)
			.key("out/a.txt")
			.tagging((t) -> t.tagSet((tag) -> tag.key("k").value("v"))));
		put("in/a.txt");
		s3.copyObject((r) -> r.sourceBucket(this.bucket)
			.sourceKey("out/a.txt")
			.destinationBucket(this.bucket)
			.destinationKey("copied/b.txt"));
		String upload = s3.createMultipartUpload((r) -> r.bucket(this.bucket).key("in/big.txt")).uploadId();
		String eTag = s3
			.uploadPart((r) -> r.bucket(this.bucket).key("in/big.txt").uploadId(upload).partNumber(1),
					RequestBody.fromString("part"))
			.eTag();
		s3.completeMultipartUpload((r) -> r.bucket(this.bucket)
			.key("in/big.txt")
			.uploadId(upload)
			.multipartUpload((m) -> m.parts(CompletedPart.builder().partNumber(1).eTag(eTag).build())));

		List<JsonNode> direct = receive(otherQueue, 2);
		assertThat(direct).extracting((event) -> record(event).get("eventName").asString())
			.containsExactlyInAnyOrder("ObjectCreated:Put", "ObjectCreated:Copy");
		assertThat(direct)
			.extracting((event) -> record(event).get("s3").get("configurationId").asString() + " "
					+ record(event).get("s3").get("object").get("key").asString())
			.containsExactlyInAnyOrder("puts in/a.txt", "copies copied/b.txt");
		JsonNode wrapped = receive(scanQueue, 1).get(0);
		assertThat(wrapped.get("Type").asString()).isEqualTo("Notification");
		assertThat(wrapped.get("TopicArn").asString()).isEqualTo(relay.scanTopicArn());
		JsonNode multipart = record(JSON.readTree(wrapped.get("Message").asString()));
		assertThat(multipart.get("eventName").asString()).isEqualTo("ObjectCreated:CompleteMultipartUpload");
		assertThat(multipart.get("s3").get("configurationId").asString()).isEqualTo("uploads");
		assertThat(multipart.get("s3").get("object").get("key").asString()).isEqualTo("in/big.txt");
		assertThat(multipart.get("s3").get("object").get("size").asLong()).isEqualTo(4);
		assertThat(sqs.receiveMessage((r) -> r.queueUrl(otherQueue).waitTimeSeconds(1)).messages())
			.as("no event for writes no configuration matches")
			.isEmpty();
	}

	@Test
	void shouldRefuseDestinationsItCannotDeliverToAsS3DoesAndKeepTheConfiguration() {
		s3.createBucket((r) -> r.bucket(this.bucket));
		s3.putBucketNotificationConfiguration(
				(r) -> r.bucket(this.bucket).notificationConfiguration(only(ours(Event.S3_OBJECT_CREATED))));
		String unknownTopic = "arn:aws:sns:us-east-1:000000000000:someone-elses-topic";
		String unknownQueue = "arn:aws:sqs:elasticmq:000000000000:no-such-queue-" + UUID.randomUUID();

		assertThatExceptionOfType(S3Exception.class)
			.isThrownBy(() -> s3.putBucketNotificationConfiguration((r) -> r.bucket(this.bucket)
				.notificationConfiguration((c) -> c
					.topicConfigurations((t) -> t.id("a").topicArn(unknownTopic).events(Event.S3_OBJECT_CREATED_PUT))
					.queueConfigurations((q) -> q.id("b").queueArn(unknownQueue).events(Event.S3_OBJECT_REMOVED))
					.lambdaFunctionConfigurations((l) -> l.id("c")
						.lambdaFunctionArn("arn:aws:lambda:us-east-1:000000000000:function:f")
						.events(Event.S3_OBJECT_RESTORE_COMPLETED)))))
			.satisfies((ex) -> {
				assertThat(ex.statusCode()).isEqualTo(400);
				assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
				assertThat(ex.awsErrorDetails().errorMessage())
					.isEqualTo("Unable to validate the following destination configurations");
			});
		assertThatExceptionOfType(S3Exception.class)
			.isThrownBy(() -> s3.putBucketNotificationConfiguration((r) -> r.bucket(this.bucket)
				.notificationConfiguration((c) -> c.topicConfigurations(ours(Event.S3_OBJECT_CREATED))
					.queueConfigurations(
							(q) -> q.id("other-app").queueArn(otherQueueArn).events(Event.S3_OBJECT_CREATED_PUT)))))
			.satisfies((ex) -> assertThat(ex.awsErrorDetails().errorMessage()).startsWith("Configurations overlap"));

		assertThat(s3.getBucketNotificationConfiguration((r) -> r.bucket(this.bucket)).topicConfigurations())
			.as("a refused configuration changes nothing")
			.containsExactly(ours(Event.S3_OBJECT_CREATED));
		drain(scanQueue);
	}

	@Test
	void shouldLetTestsProtectABucketWithoutTheApiAndPassOtherRequestsThrough() {
		s3.createBucket((r) -> r.bucket(this.bucket));
		relay.protect(this.bucket);
		assertThat(relay.protectedBuckets()).contains(this.bucket);
		assertThat(s3.getBucketNotificationConfiguration((r) -> r.bucket(this.bucket)).topicConfigurations())
			.singleElement()
			.satisfies((topic) -> {
				assertThat(topic.id()).isEqualTo("bucketwarden-scan");
				assertThat(topic.topicArn()).isEqualTo(relay.scanTopicArn());
			});
		drain(scanQueue);
		put("a b+c.txt");
		JsonNode event = record(JSON.readTree(receive(scanQueue, 1).get(0).get("Message").asString()));
		assertThat(event.get("s3").get("object").get("key").asString()).isEqualTo("a+b%2Bc.txt");
		assertThat(s3.getObjectAsBytes((r) -> r.bucket(this.bucket).key("a b+c.txt")).asUtf8String())
			.isEqualTo("a b+c.txt");

		relay.unprotect(this.bucket);
		assertThat(relay.protectedBuckets()).doesNotContain(this.bucket);
		put("after.txt");
		assertThat(sqs.receiveMessage((r) -> r.queueUrl(scanQueue).waitTimeSeconds(1)).messages()).isEmpty();
	}

	@Test
	void shouldAnnounceAnObjectWrittenBehindItsBackWithItsSizeAndETag() {
		s3.createBucket((r) -> r.bucket(this.bucket));
		relay.protect(this.bucket);
		drain(scanQueue);
		String eTag = direct
			.putObject((r) -> r.bucket(this.bucket).key("seeded/object.bin"), RequestBody.fromString("seeded bytes"))
			.eTag()
			.replace("\"", "");
		assertThat(sqs.receiveMessage((r) -> r.queueUrl(scanQueue).waitTimeSeconds(1)).messages())
			.as("a write the relay did not see raises nothing by itself")
			.isEmpty();

		relay.announce(this.bucket, "seeded/object.bin");
		relay.announce(this.bucket, "seeded/missing.bin");

		JsonNode event = record(JSON.readTree(receive(scanQueue, 1).get(0).get("Message").asString()));
		assertThat(event.get("eventName").asString()).isEqualTo("ObjectCreated:Put");
		assertThat(event.get("s3").get("object").get("key").asString()).isEqualTo("seeded/object.bin");
		assertThat(event.get("s3").get("object").get("size").asLong()).isEqualTo("seeded bytes".length());
		assertThat(event.get("s3").get("object").get("eTag").asString()).isEqualTo(eTag);
	}

	private static TopicConfiguration ours(Event event) {
		return TopicConfiguration.builder().id("ours").topicArn(relay.scanTopicArn()).events(event).build();
	}

	private static NotificationConfiguration only(TopicConfiguration topic) {
		return NotificationConfiguration.builder().topicConfigurations(topic).build();
	}

	private void put(String key) {
		s3.putObject((r) -> r.bucket(this.bucket).key(key), RequestBody.fromString(key));
	}

	private static JsonNode record(JsonNode event) {
		return event.get("Records").get(0);
	}

	/** Exactly this many messages within the wait, parsed. */
	private static List<JsonNode> receive(String queue, int count) {
		List<JsonNode> received = new ArrayList<>();
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (received.size() < count && System.nanoTime() < deadline) {
			for (Message message : sqs
				.receiveMessage((r) -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
				.messages()) {
				received.add(JSON.readTree(message.body()));
				sqs.deleteMessage((r) -> r.queueUrl(queue).receiptHandle(message.receiptHandle()));
			}
		}
		assertThat(received).as("messages on " + queue).hasSize(count);
		return received;
	}

	private static void drain(String queue) {
		sqs.purgeQueue((r) -> r.queueUrl(queue));
	}

}
