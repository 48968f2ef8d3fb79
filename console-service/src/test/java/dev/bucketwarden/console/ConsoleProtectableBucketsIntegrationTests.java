package dev.bucketwarden.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.GetBucketNotificationConfigurationResponse;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import software.amazon.awssdk.services.s3.model.TopicConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.unit.DataSize;

import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.oidc.OidcServer;
import dev.bucketwarden.store.settings.BucketRules;
import dev.bucketwarden.store.settings.BucketSettings;
import dev.bucketwarden.store.settings.Remediation;
import dev.bucketwarden.store.settings.StoredBucket;
import dev.bucketwarden.store.tags.TagSchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A console limited to its deployment's protectedBuckets
 * ({@code bucketwarden.console.protectable-buckets}, as infra/aws sets it), against the
 * S3 event relay: the list says which buckets can be protected; a bucket matching a
 * pattern is protected and wired without a redeployment; one outside is refused before S3
 * is asked (its notifications stay untouched); a bucket protected before the deployment
 * dropped it can still be unprotected, and its notifications are left as they are.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleProtectableBucketsIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ConsoleTestStack stack = ConsoleTestStack.get();

	private final HttpClient http = HttpClient.newHttpClient();

	private final S3Client s3 = AwsClients.s3(this.stack.relay.endpoint());

	private final long id = System.nanoTime();

	/** Created after the deployment, matching its pattern. */
	private final String matching = "acme-new-" + this.id;

	private final String outside = "other-" + this.id;

	private final QueueConfiguration foreign = QueueConfiguration.builder()
		.id("other-app")
		.queueArn("arn:aws:sqs:elasticmq:000000000000:other-app")
		.events(Event.S3_OBJECT_REMOVED)
		.build();

	@LocalServerPort
	int port;

	private String admin;

	@DynamicPropertySource
	static void stack(DynamicPropertyRegistry registry) {
		ConsoleTestStack.get().register(registry);
		registry.add("bucketwarden.console.protectable-buckets", () -> "acme-uploads,acme-new-*");
	}

	@BeforeEach
	void setUp() {
		this.admin = OidcSignIn.accessToken(this.stack.oidc, OidcServer.CONSOLE_CLIENT_ID, "admin", List.of("admins"));
		this.s3.createBucket((r) -> r.bucket(this.matching));
		this.s3.createBucket((r) -> r.bucket(this.outside));
		this.stack.sqs.createQueue((r) -> r.queueName("other-app"));
	}

	@Test
	void shouldSayWhichBucketsCanBeProtected() throws Exception {
		JsonNode buckets = JSON.readTree(send("GET", "/api/v1/buckets", null).body());
		assertThat(protectable(buckets, this.matching)).isTrue();
		assertThat(protectable(buckets, this.outside)).isFalse();
		assertThat(protectable(buckets, ConsoleTestStack.UPLOADS)).as("'uploads' is no 'acme-uploads'").isFalse();
	}

	@Test
	void shouldProtectABucketMatchingAPatternWithoutARedeployment() throws Exception {
		assertThat(send("PUT", "/api/v1/buckets/" + this.matching, "{\"remediation\":\"KEEP\"}").statusCode())
			.isEqualTo(200);

		assertThat(this.s3.getBucketNotificationConfiguration((r) -> r.bucket(this.matching)).topicConfigurations())
			.singleElement()
			.satisfies((topic) -> assertThat(topic.topicArn()).isEqualTo(this.stack.relay.scanTopicArn()));
		assertThat(send("GET", "/api/v1/buckets/" + this.matching, null).statusCode()).isEqualTo(200);
	}

	@Test
	void shouldRefuseABucketOutsideThePatternsBeforeAskingS3() throws Exception {
		this.s3.putBucketNotificationConfiguration(
				(r) -> r.bucket(this.outside).notificationConfiguration((c) -> c.queueConfigurations(this.foreign)));

		HttpResponse<String> put = send("PUT", "/api/v1/buckets/" + this.outside, "{\"remediation\":\"KEEP\"}");

		assertThat(put.statusCode()).isEqualTo(409);
		assertThat(JSON.readTree(put.body()).get("detail").asString()).isEqualTo("bucket " + this.outside
				+ " is outside this deployment's protectedBuckets (patterns acme-uploads, acme-new-*): add it and deploy");
		assertThat(send("GET", "/api/v1/buckets/" + this.outside, null).statusCode()).isEqualTo(404);
		assertThat(this.s3.getBucketNotificationConfiguration((r) -> r.bucket(this.outside)).topicConfigurations())
			.isEmpty();
	}

	@Test
	void shouldUnprotectABucketTheDeploymentDroppedWithoutTouchingItsNotifications() throws Exception {
		// Protected and wired while the deployment still named it, beside another
		// application's notification. In AWS the console may no longer change them.
		this.stack.settings.put(new StoredBucket(this.outside,
				new BucketSettings(true, TagSchema.DEFAULT, Remediation.KEEP, null, DataSize.ofGigabytes(5)),
				BucketRules.NONE, Instant.now(), "console:admin"));
		TopicConfiguration ours = TopicConfiguration.builder()
			.id("bucketwarden-scan")
			.topicArn(this.stack.relay.scanTopicArn())
			.events(Event.S3_OBJECT_CREATED)
			.build();
		this.s3.putBucketNotificationConfiguration((r) -> r.bucket(this.outside)
			.notificationConfiguration((c) -> c.queueConfigurations(this.foreign).topicConfigurations(ours)));

		assertThat(send("DELETE", "/api/v1/buckets/" + this.outside, null).statusCode()).isEqualTo(204);

		assertThat(send("GET", "/api/v1/buckets/" + this.outside, null).statusCode()).isEqualTo(404);
		GetBucketNotificationConfigurationResponse left = this.s3
			.getBucketNotificationConfiguration((r) -> r.bucket(this.outside));
		assertThat(left.queueConfigurations()).containsExactly(this.foreign);
		assertThat(left.topicConfigurations()).containsExactly(ours);
	}

	@Test
	void shouldRefuseToProtectAQuarantineBucketOrToQuarantineABucketIntoItself() throws Exception {
		String quarantine = "acme-new-q-" + this.id;
		this.s3.createBucket((r) -> r.bucket(quarantine));
		assertThat(send("PUT", "/api/v1/buckets/" + this.matching,
				"{\"remediation\":\"QUARANTINE\",\"quarantineBucket\":\"" + quarantine + "\"}")
			.statusCode()).isEqualTo(200);

		HttpResponse<String> put = send("PUT", "/api/v1/buckets/" + quarantine, "{\"remediation\":\"KEEP\"}");

		assertThat(put.statusCode()).isEqualTo(409);
		assertThat(JSON.readTree(put.body()).get("detail").asString())
			.isEqualTo("Bucket " + quarantine + " is the quarantine bucket of " + this.matching
					+ ": it holds infected objects on purpose and cannot be protected");
		assertThat(this.s3.getBucketNotificationConfiguration((r) -> r.bucket(quarantine)).topicConfigurations())
			.isEmpty();
		HttpResponse<String> self = send("PUT", "/api/v1/buckets/" + quarantine,
				"{\"remediation\":\"QUARANTINE\",\"quarantineBucket\":\"" + quarantine + "\"}");
		assertThat(self.statusCode()).isEqualTo(400);
		assertThat(send("GET", "/api/v1/buckets/" + quarantine, null).statusCode()).isEqualTo(404);
	}

	private static boolean protectable(JsonNode buckets, String name) {
		for (JsonNode bucket : buckets) {
			if (name.equals(bucket.get("name").asString())) {
				return bucket.get("protectable").asBoolean();
			}
		}
		throw new AssertionError("bucket " + name + " not listed");
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
