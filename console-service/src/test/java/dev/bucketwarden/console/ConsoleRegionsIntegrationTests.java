package dev.bucketwarden.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bucketwarden.jobs.schedule.ScheduleStore;
import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.oidc.OidcServer;
import dev.bucketwarden.local.samples.Samples;
import dev.bucketwarden.local.support.AwsEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two regions on one set of stand-ins: the console's own (us-east-1) and us-west-2, whose
 * S3 event relay sits in front of the same S3Mock with its own scan queue. The console
 * lists a us-west-2 bucket with its region and protects it through that region's endpoint
 * and topic; that region's event agent (its own JVM, trusting only its region and topic)
 * quarantines EICAR written through that region's endpoint into that region's quarantine
 * bucket; the console's findings say it was scanned in us-west-2. Needs event-agent's jar
 * (built before this module in the reactor).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleRegionsIntegrationTests {

	private final ConsoleTestStack stack = ConsoleTestStack.get();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	private String admin;

	private S3Client west;

	private Process agent;

	@DynamicPropertySource
	static void stack(DynamicPropertyRegistry registry) {
		ConsoleTestStack.get().register(registry);
	}

	@BeforeEach
	void setUp() {
		this.admin = OidcSignIn.accessToken(this.stack.oidc, OidcServer.CONSOLE_CLIENT_ID, "admin", List.of("admins"));
		this.west = AwsClients.s3Builder(this.stack.westRelay.endpoint()).region(Region.US_WEST_2).build();
	}

	@AfterEach
	void tearDown() throws InterruptedException {
		this.west.close();
		if (this.agent != null) {
			this.agent.destroy();
			if (!this.agent.waitFor(20, TimeUnit.SECONDS)) {
				this.agent.destroyForcibly();
			}
		}
	}

	@Test
	void shouldProtectABucketOfTheSecondRegionWhoseAgentQuarantinesAndRecordsTheRegion() throws Exception {
		assumeTrue(Files.isRegularFile(ConsoleTestStack.EVENT_AGENT_JAR),
				"event-agent's jar is not built: " + ConsoleTestStack.EVENT_AGENT_JAR);
		String bucket = "west-uploads-" + System.nanoTime();
		String quarantine = "west-quarantine-" + System.nanoTime();
		this.west.createBucket((r) -> r.bucket(bucket));
		this.west.createBucket((r) -> r.bucket(quarantine));
		this.agent = startWestAgent();

		String listed = send("GET", "/api/v1/buckets", null).body();
		assertThat(listed).containsPattern("\"name\":\"" + bucket + "\",[^}]*\"region\":\"us-west-2\",\"agents\":true");
		assertThat(listed).as("a bucket of the console's region")
			.contains("\"name\":\"" + ConsoleTestStack.ARCHIVE + "\"", "\"region\":\"us-east-1\"");

		HttpResponse<String> protectedNow = send("PUT", "/api/v1/buckets/" + bucket,
				"{\"remediation\":\"QUARANTINE\",\"quarantineBucket\":\"" + quarantine + "\"}");

		assertThat(protectedNow.statusCode()).as(protectedNow.body()).isEqualTo(200);
		assertThat(protectedNow.body()).contains("\"home\":{\"region\":\"us-west-2\",\"account\":null}");
		assertThat(this.stack.settings.bucket(bucket).orElseThrow().home().region()).isEqualTo("us-west-2");
		assertThat(this.west.getBucketNotificationConfiguration((r) -> r.bucket(bucket)).topicConfigurations())
			.as("wired to the second region's topic, through its endpoint")
			.anySatisfy((topic) -> {
				assertThat(topic.topicArn()).isEqualTo(this.stack.westRelay.scanTopicArn());
				assertThat(topic.events()).containsExactly(Event.S3_OBJECT_CREATED);
			});
		assertThat(this.stack.relay.protectedBuckets()).as("not through the console region's relay")
			.doesNotContain(bucket);

		this.west.putObject((r) -> r.bucket(bucket).key("in/eicar.com"), RequestBody.fromBytes(Samples.eicar()));

		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(send("GET", "/api/v1/findings?bucket=" + bucket, null).body())
				.contains("\"key\":\"in/eicar.com\"", "\"status\":\"INFECTED\"", "\"remediation\":\"QUARANTINED\""));
		String findings = send("GET", "/api/v1/findings?bucket=" + bucket, null).body();
		assertThat(findings).contains("\"region\":\"us-west-2\"");
		assertThat(this.west.listObjectsV2((r) -> r.bucket(quarantine)).contents()).as("in the region's quarantine")
			.isNotEmpty();
		assertThatExceptionOfType(NoSuchKeyException.class).as("moved out of the protected bucket")
			.isThrownBy(() -> this.west.headObject((r) -> r.bucket(bucket).key("in/eicar.com")).eTag());
		String csv = send("GET", "/api/v1/findings/export?bucket=" + bucket, null).body();
		assertThat(csv).contains(",us-west-2\r\n");

		HttpResponse<String> unprotected = send("DELETE", "/api/v1/buckets/" + bucket, null);
		assertThat(unprotected.statusCode()).isEqualTo(204);
		assertThat(this.west.getBucketNotificationConfiguration((r) -> r.bucket(bucket)).topicConfigurations())
			.as("unwired through the region's endpoint")
			.isEmpty();
	}

	@Test
	void shouldRefuseABucketOfARegionWithoutAgents() throws Exception {
		String bucket = "frankfurt-" + System.nanoTime();
		try (S3Client frankfurt = AwsClients.s3Builder(this.stack.relay.endpoint())
			.region(Region.EU_CENTRAL_1)
			.build()) {
			frankfurt.createBucket((r) -> r.bucket(bucket));
		}
		assertThat(send("GET", "/api/v1/buckets", null).body())
			.containsPattern("\"name\":\"" + bucket + "\",[^}]*\"region\":\"eu-central-1\",\"agents\":false");

		HttpResponse<String> refused = send("PUT", "/api/v1/buckets/" + bucket, "{\"remediation\":\"KEEP\"}");

		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(refused.body()).contains("no agents in region eu-central-1: add it to agentRegions and deploy");
		assertThat(this.stack.settings.bucket(bucket)).isEmpty();
	}

	@Test
	void shouldRefuseARetroJobOverBucketsOfTwoRegionsAndRecordASecondRegionsSchedulesRegion() throws Exception {
		String east = "east-" + System.nanoTime();
		String westBucket = "west-" + System.nanoTime();
		this.stack.s3.createBucket((r) -> r.bucket(east));
		this.west.createBucket((r) -> r.bucket(westBucket));
		for (String bucket : List.of(east, westBucket)) {
			assertThat(send("PUT", "/api/v1/buckets/" + bucket, "{\"remediation\":\"KEEP\"}").statusCode())
				.isEqualTo(200);
		}

		HttpResponse<String> refused = send("POST", "/api/v1/retro/jobs",
				"{\"buckets\":[\"" + east + "\",\"" + westBucket + "\"]}");

		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("A job scans the buckets of one region", "start one job per region");
		String westName = "west-" + System.nanoTime();
		HttpResponse<String> westSchedule = send("PUT", "/api/v1/schedules/" + westName,
				"{\"cron\":\"0 0 3 * * SUN\",\"buckets\":[\"" + westBucket + "\"]}");
		assertThat(westSchedule.statusCode()).as(westSchedule.body()).isEqualTo(200);
		assertThat(westSchedule.body()).contains("\"region\":\"us-west-2\"");
		assertThat(new ScheduleStore(this.stack.settings).find(westName))
			.as("the scheduler starts its runs with us-west-2's launcher")
			.hasValueSatisfying((stored) -> assertThat(stored.schedule().region()).isEqualTo("us-west-2"));
		HttpResponse<String> mixed = send("PUT", "/api/v1/schedules/mixed-" + System.nanoTime(),
				"{\"cron\":\"0 0 3 * * SUN\",\"buckets\":[\"" + east + "\",\"" + westBucket + "\"]}");
		assertThat(mixed.statusCode()).isEqualTo(400);
		assertThat(mixed.body()).contains("A job scans the buckets of one region");
		String eastName = "east-" + System.nanoTime();
		assertThat(send("PUT", "/api/v1/schedules/" + eastName,
				"{\"cron\":\"0 0 3 * * SUN\",\"buckets\":[\"" + east + "\"]}")
			.statusCode()).isEqualTo(200);
		assertThat(new ScheduleStore(this.stack.settings).find(eastName)).as("the console's region: run where it is")
			.hasValueSatisfying((stored) -> assertThat(stored.schedule().region()).isNull());
	}

	@Test
	void shouldRunARetroJobOfTheSecondRegionWithThatRegionsQueueAndName() throws Exception {
		assumeTrue(Files.isRegularFile(ConsoleTestStack.RETRO_JAR),
				"retro-agent's jar is not built: " + ConsoleTestStack.RETRO_JAR);
		String bucket = "west-retro-" + System.nanoTime();
		this.west.createBucket((r) -> r.bucket(bucket));
		for (int i = 0; i < 3; i++) {
			int n = i;
			this.west.putObject((r) -> r.bucket(bucket).key("old/file-" + n + ".txt"), RequestBody.fromString("f" + n));
		}
		assertThat(send("PUT", "/api/v1/buckets/" + bucket, "{\"remediation\":\"KEEP\"}").statusCode()).isEqualTo(200);

		HttpResponse<String> started = send("POST", "/api/v1/retro/jobs", "{\"buckets\":[\"" + bucket + "\"]}");

		assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
		Matcher id = Pattern.compile("\"id\":\"(retro-[^\"]+)\"").matcher(started.body());
		assertThat(id.find()).isTrue();
		String job = id.group(1);
		await().atMost(Duration.ofSeconds(150))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(send("GET", "/api/v1/retro/jobs/" + job, null).body())
				.as("the job, see target/retro-logs/retro-run-" + job + "-us-west-2.log")
				.contains("\"state\":\"DONE\"", "\"scanned\":3", "\"clean\":3"));
		assertThat(Path.of("target", "retro-logs", "retro-run-" + job + "-us-west-2.log"))
			.as("run by the second region's launcher")
			.exists();
		assertThat(send("GET", "/api/v1/findings?bucket=" + bucket, null).body())
			.contains("\"source\":\"RETRO\"", "\"region\":\"us-west-2\"")
			.doesNotContain("\"region\":\"us-east-1\"");
		assertThat(send("GET", "/api/v1/audit", null).body()).contains("\"target\":\"" + job + "\"",
				"\"region\":\"us-west-2\"");
	}

	/** The second region's event agent, as it runs there: its queue, region and topic. */
	private Process startWestAgent() throws Exception {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.cloud.aws.region.static", ConsoleTestStack.WEST);
		properties.put("spring.cloud.aws.credentials.access-key", AwsEmulator.ACCESS_KEY_ID);
		properties.put("spring.cloud.aws.credentials.secret-key", AwsEmulator.SECRET_ACCESS_KEY);
		properties.put("spring.cloud.aws.s3.endpoint", this.stack.westRelay.endpoint().toString());
		properties.put("spring.cloud.aws.s3.path-style-access-enabled", "true");
		properties.put("spring.cloud.aws.sqs.endpoint", this.stack.elasticmq.endpoint().toString());
		properties.put("spring.cloud.aws.dynamodb.endpoint", this.stack.dynamodb.endpoint().toString());
		properties.put("bucketwarden.engines.clamav.host", this.stack.clamd.host());
		properties.put("bucketwarden.engines.clamav.port", Integer.toString(this.stack.clamd.port()));
		properties.put("bucketwarden.event-agent.queue",
				this.stack.elasticmq.queueUrl(ConsoleTestStack.WEST_SCAN_QUEUE));
		properties.put("bucketwarden.results.table", ConsoleTestStack.RESULTS_TABLE);
		properties.put("bucketwarden.settings.table", ConsoleTestStack.SETTINGS_TABLE);
		properties.put("bucketwarden.trust.allowed-regions", ConsoleTestStack.WEST);
		properties.put("bucketwarden.trust.topic-arns", this.stack.westRelay.scanTopicArn());
		properties.put("bucketwarden.usage.enabled", "false");
		properties.put("server.port", "0");
		properties.put("server.address", "127.0.0.1");
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx192m",
						"-XX:+ExitOnOutOfMemoryError", "-Daws.disableEc2Metadata=true", "-jar",
						ConsoleTestStack.EVENT_AGENT_JAR.toString()));
		properties.forEach((key, value) -> command.add("--" + key + "=" + value));
		Path log = Path.of("target", "region-logs", "event-agent-us-west-2.log").toAbsolutePath();
		Files.createDirectories(log.getParent());
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	private HttpResponse<String> send(String method, String path, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", "Bearer " + this.admin)
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
