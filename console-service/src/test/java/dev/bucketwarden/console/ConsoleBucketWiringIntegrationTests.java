package dev.bucketwarden.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.GetBucketNotificationConfigurationResponse;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.oidc.OidcServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Protecting a bucket in the console wires its event notifications, through the S3 API
 * the console uses in AWS (answered by the S3 event relay in front of S3Mock): its
 * configuration beside another application's, events of new objects on the scan topic's
 * subscription, nothing left of it after unprotecting but the other application's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleBucketWiringIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ConsoleTestStack stack = ConsoleTestStack.get();

	private final HttpClient http = HttpClient.newHttpClient();

	/** Writes and reads S3 as users and AWS do: through the relay. */
	private final S3Client s3 = AwsClients.s3(this.stack.relay.endpoint());

	private final String bucket = "wired-" + System.nanoTime();

	@LocalServerPort
	int port;

	private String admin;

	private String events;

	@DynamicPropertySource
	static void stack(DynamicPropertyRegistry registry) {
		ConsoleTestStack.get().register(registry);
	}

	@BeforeEach
	void setUp() {
		this.admin = OidcSignIn.accessToken(this.stack.oidc, OidcServer.CONSOLE_CLIENT_ID, "admin", List.of("admins"));
		this.events = this.stack.elasticmq.queueUrl(ConsoleTestStack.EVENTS_QUEUE);
		this.s3.createBucket((r) -> r.bucket(this.bucket));
	}

	@Test
	void shouldWireAProtectedBucketBesideAnotherApplicationsNotificationAndUnwireItAlone() throws Exception {
		String otherQueue = "other-app-" + this.bucket;
		String otherQueueUrl = this.stack.sqs.createQueue((r) -> r.queueName(otherQueue)).queueUrl();
		QueueConfiguration foreign = QueueConfiguration.builder()
			.id("other-app")
			.queueArn("arn:aws:sqs:elasticmq:000000000000:" + otherQueue)
			.events(Event.S3_OBJECT_REMOVED)
			.build();
		this.s3.putBucketNotificationConfiguration(
				(r) -> r.bucket(this.bucket).notificationConfiguration((c) -> c.queueConfigurations(foreign)));

		assertThat(send("PUT", "/api/v1/buckets/" + this.bucket, "{\"remediation\":\"KEEP\"}").statusCode())
			.isEqualTo(200);

		GetBucketNotificationConfigurationResponse wired = notifications();
		assertThat(wired.queueConfigurations()).containsExactly(foreign);
		assertThat(wired.topicConfigurations()).singleElement().satisfies((topic) -> {
			assertThat(topic.id()).isEqualTo("bucketwarden-scan");
			assertThat(topic.topicArn()).isEqualTo(this.stack.relay.scanTopicArn());
			assertThat(topic.events()).containsExactly(Event.S3_OBJECT_CREATED);
			assertThat(topic.filter()).isNull();
		});
		this.s3.putObject((r) -> r.bucket(this.bucket).key("reports/q4 report.txt"),
				RequestBody.fromString("quarterly figures"));
		JsonNode event = objectEvents(1, Duration.ofSeconds(10)).get(0);
		assertThat(event.get("eventName").asString()).isEqualTo("ObjectCreated:Put");
		assertThat(event.get("s3").get("configurationId").asString()).isEqualTo("bucketwarden-scan");
		assertThat(event.get("s3").get("object").get("key").asString()).isEqualTo("reports/q4+report.txt");

		// Saving the settings again keeps one configuration of ours.
		assertThat(send("PUT", "/api/v1/buckets/" + this.bucket, "{\"remediation\":\"KEEP\",\"maxSize\":\"1GB\"}")
			.statusCode()).isEqualTo(200);
		assertThat(notifications().topicConfigurations()).isEqualTo(wired.topicConfigurations());
		assertThat(notifications().queueConfigurations()).isEqualTo(wired.queueConfigurations());

		assertThat(send("DELETE", "/api/v1/buckets/" + this.bucket, null).statusCode()).isEqualTo(204);

		GetBucketNotificationConfigurationResponse unwired = notifications();
		assertThat(unwired.topicConfigurations()).isEmpty();
		assertThat(unwired.queueConfigurations()).containsExactly(foreign);
		this.s3.putObject((r) -> r.bucket(this.bucket).key("reports/after.txt"), RequestBody.fromString("later"));
		assertThat(objectEvents(0, Duration.ofSeconds(3))).as("no events once unprotected").isEmpty();
		assertThat(this.stack.sqs.receiveMessage((r) -> r.queueUrl(otherQueueUrl).maxNumberOfMessages(10)).messages())
			.extracting(Message::body)
			.as("the other application's queue got only S3's test events")
			.allSatisfy((body) -> assertThat(JSON.readTree(body).get("Event").asString()).isEqualTo("s3:TestEvent"));
	}

	@Test
	void shouldNotProtectABucketWhoseNotificationS3Refuses() throws Exception {
		// Another application already gets every new object's event: S3 refuses a second
		// configuration for the same events.
		this.s3.putBucketNotificationConfiguration((r) -> r.bucket(this.bucket)
			.notificationConfiguration((c) -> c.topicConfigurations((t) -> t.id("other-app")
				.topicArn(this.stack.relay.scanTopicArn())
				.events(Event.S3_OBJECT_CREATED_PUT))));

		HttpResponse<String> put = send("PUT", "/api/v1/buckets/" + this.bucket, "{\"remediation\":\"KEEP\"}");

		assertThat(put.statusCode()).isEqualTo(409);
		assertThat(put.body()).contains("S3 did not let BucketWarden change the event notifications of bucket "
				+ this.bucket + " (InvalidArgument: Configurations overlap");
		assertThat(send("GET", "/api/v1/buckets/" + this.bucket, null).statusCode())
			.as("not shown as protected while nothing would scan it")
			.isEqualTo(404);
		assertThat(notifications().topicConfigurations()).extracting((topic) -> topic.id())
			.containsExactly("other-app");
	}

	@Test
	void shouldRefuseToProtectAMissingBucketAndUnprotectOneThatIsGone() throws Exception {
		HttpResponse<String> missing = send("PUT", "/api/v1/buckets/missing-" + this.bucket,
				"{\"remediation\":\"KEEP\"}");
		assertThat(missing.statusCode()).isEqualTo(409);
		assertThat(missing.body()).contains("NoSuchBucket");
		assertThat(send("GET", "/api/v1/buckets/missing-" + this.bucket, null).statusCode()).isEqualTo(404);

		assertThat(send("PUT", "/api/v1/buckets/" + this.bucket, "{\"remediation\":\"KEEP\"}").statusCode())
			.isEqualTo(200);
		this.s3.deleteBucket((r) -> r.bucket(this.bucket));
		assertThat(send("DELETE", "/api/v1/buckets/" + this.bucket, null).statusCode())
			.as("a deleted bucket's protection can still be removed")
			.isEqualTo(204);
		assertThat(send("GET", "/api/v1/buckets/" + this.bucket, null).statusCode()).isEqualTo(404);
	}

	private GetBucketNotificationConfigurationResponse notifications() {
		return this.s3.getBucketNotificationConfiguration((r) -> r.bucket(this.bucket));
	}

	/**
	 * The S3 event records of this test's bucket that reach the scan topic's subscription
	 * within the wait (S3's test events and other buckets' events aside), waiting for all
	 * of the wait when fewer arrive.
	 */
	private List<JsonNode> objectEvents(int expected, Duration wait) {
		List<JsonNode> records = new ArrayList<>();
		long deadline = System.nanoTime() + wait.toNanos();
		while (System.nanoTime() < deadline && (expected == 0 || records.size() < expected)) {
			for (Message message : this.stack.sqs
				.receiveMessage((r) -> r.queueUrl(this.events).maxNumberOfMessages(10).waitTimeSeconds(1))
				.messages()) {
				this.stack.sqs.deleteMessage((r) -> r.queueUrl(this.events).receiptHandle(message.receiptHandle()));
				JsonNode notification = JSON.readTree(message.body());
				assertThat(notification.get("TopicArn").asString()).isEqualTo(this.stack.relay.scanTopicArn());
				JsonNode event = JSON.readTree(notification.get("Message").asString());
				if (event.has("Records")) {
					event.get("Records").forEach((record) -> {
						if (this.bucket.equals(record.get("s3").get("bucket").get("name").asString())) {
							records.add(record);
						}
					});
				}
			}
		}
		return records;
	}

	private HttpResponse<String> send(String method, String path, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody())
			.header("Authorization", "Bearer " + this.admin);
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
