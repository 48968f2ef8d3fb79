package dev.bucketwarden.console;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bucketwarden.jobs.Job;
import dev.bucketwarden.jobs.JobRequest;
import dev.bucketwarden.jobs.JobStore;
import dev.bucketwarden.jobs.Rescan;
import dev.bucketwarden.jobs.schedule.ScheduleStore;
import dev.bucketwarden.local.oidc.OidcServer;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.settings.BucketSettings;
import dev.bucketwarden.store.settings.DynamoDbBucketSettingsProvider;
import dev.bucketwarden.store.settings.Remediation;
import dev.bucketwarden.store.settings.StoredIntegrations;
import dev.bucketwarden.store.tags.TagSchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console on real servers: DynamoDB Local for its settings and the results, S3Mock
 * for ListBuckets, bearer tokens signed by the local OIDC server (admins and viewers by
 * their {@code cognito:groups}), and a local HTTP server as the webhook.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class ConsoleApiIntegrationTests {

	private final ConsoleTestStack stack = ConsoleTestStack.get();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	private String admin;

	private String viewer;

	private HttpServer webhook;

	private final List<String> webhookBodies = new CopyOnWriteArrayList<>();

	private final AtomicInteger webhookStatus = new AtomicInteger(204);

	@DynamicPropertySource
	static void stack(DynamicPropertyRegistry registry) {
		ConsoleTestStack.get().register(registry);
	}

	@BeforeEach
	void tokens() throws IOException {
		this.admin = OidcSignIn.accessToken(this.stack.oidc, OidcServer.CONSOLE_CLIENT_ID, "admin", List.of("admins"));
		this.viewer = OidcSignIn.accessToken(this.stack.oidc, OidcServer.CONSOLE_CLIENT_ID, "viewer",
				List.of("viewers"));
		this.webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.webhook.createContext("/hook", (exchange) -> {
			this.webhookBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			exchange.sendResponseHeaders(this.webhookStatus.get(), -1);
			exchange.close();
		});
		this.webhook.start();
	}

	@AfterEach
	void stopWebhook() {
		this.webhook.stop(0);
	}

	@Test
	void shouldProtectABucketForAdminsAndLetRunningAgentsSeeIt() throws Exception {
		DynamoDbBucketSettingsProvider agent = new DynamoDbBucketSettingsProvider(this.stack.settings,
				BucketSettings.quarantineTo(ConsoleTestStack.QUARANTINE), Duration.ofSeconds(1), Clock.systemUTC());
		assertThat(agent.forBucket(ConsoleTestStack.ARCHIVE).tagSchema()).isEqualTo(TagSchema.DEFAULT);
		String settings = "{\"tagSchema\":\"GUARDDUTY\",\"remediation\":\"DELETE\",\"maxSize\":\"100MB\","
				+ "\"skipPrefixes\":[\"tmp/\"],\"allowList\":[\"Eicar-Test-Signature\"]}";

		assertThat(send("PUT", "/api/v1/buckets/" + ConsoleTestStack.ARCHIVE, this.viewer, settings).statusCode())
			.isEqualTo(403);
		HttpResponse<String> put = send("PUT", "/api/v1/buckets/" + ConsoleTestStack.ARCHIVE, this.admin, settings);
		assertThat(put.statusCode()).isEqualTo(200);

		HttpResponse<String> list = send("GET", "/api/v1/buckets", this.viewer, null);
		assertThat(list.statusCode()).isEqualTo(200);
		// No protectable-buckets (the local stack): every bucket can be protected.
		assertThat(list.body()).contains("\"name\":\"archive\",\"exists\":true,\"protectable\":true,\"protection\":{")
			.contains("\"name\":\"uploads\",\"exists\":true,\"protectable\":true,\"protection\":null");
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(agent.forBucket(ConsoleTestStack.ARCHIVE).tagSchema())
				.isEqualTo(TagSchema.GUARDDUTY));
		assertThat(agent.forBucket(ConsoleTestStack.ARCHIVE).remediation()).isEqualTo(Remediation.DELETE);
		assertThat(agent.rulesFor(ConsoleTestStack.ARCHIVE).skips("tmp/a")).isTrue();

		HttpResponse<String> audit = send("GET", "/api/v1/audit", this.viewer, null);
		assertThat(audit.body()).contains("\"actor\":\"admin\"")
			.contains("\"action\":\"bucket.protect\"")
			.contains("\"target\":\"archive\"");

		assertThat(send("DELETE", "/api/v1/buckets/" + ConsoleTestStack.ARCHIVE, this.admin, null).statusCode())
			.isEqualTo(204);
		assertThat(send("GET", "/api/v1/buckets/" + ConsoleTestStack.ARCHIVE, this.viewer, null).statusCode())
			.isEqualTo(404);
		assertThat(send("GET", "/api/v1/audit", this.viewer, null).body()).contains("\"action\":\"bucket.unprotect\"");
	}

	/**
	 * The local stack has no IAM: without the agents' role ARNs no statement can be
	 * built, and applying is refused and audited.
	 */
	@Test
	void shouldRefuseToApplyBucketPolicyStatementsWithoutAgentRoles() throws Exception {
		HttpResponse<String> view = send("GET", "/api/v1/buckets/" + ConsoleTestStack.UPLOADS + "/policy", this.viewer,
				null);
		assertThat(view.statusCode()).isEqualTo(200);
		assertThat(view.body()).contains("\"available\":false")
			.contains("No statement can be built: bucketwarden.console.agent-role-arns is not set");

		HttpResponse<String> apply = send("POST", "/api/v1/buckets/" + ConsoleTestStack.UPLOADS + "/policy", this.admin,
				"{\"readGate\":true}");

		assertThat(apply.statusCode()).isEqualTo(409);
		assertThat(apply.body()).contains("No statement can be built: bucketwarden.console.agent-role-arns is not set");
		assertThat(send("GET", "/api/v1/audit", this.viewer, null).body())
			.contains("\"action\":\"bucket.policy.refuse\"");
	}

	@Test
	void shouldRefuseQuarantineWithoutABucket() throws Exception {
		HttpResponse<String> put = send("PUT", "/api/v1/buckets/" + ConsoleTestStack.ARCHIVE, this.admin,
				"{\"remediation\":\"QUARANTINE\"}");
		assertThat(put.statusCode()).isEqualTo(400);
		assertThat(put.body()).contains("quarantine-bucket");
		assertThat(send("PUT", "/api/v1/buckets/Not_A_Bucket", this.admin, "{}").statusCode()).isEqualTo(400);
	}

	@Test
	void shouldRefuseTokensWithoutAConsoleGroupOrOfAnotherClientAndRequestsWithoutAToken() throws Exception {
		String app = this.stack.oidc.clientCredentialsToken("some-app", "scan").accessToken();
		assertThat(send("GET", "/api/v1/buckets", app, null).statusCode()).as("another app client").isEqualTo(401);
		String nobody = OidcSignIn.accessToken(this.stack.oidc, OidcServer.CONSOLE_CLIENT_ID, "nobody", List.of());
		assertThat(send("GET", "/api/v1/buckets", nobody, null).statusCode()).as("no console group").isEqualTo(403);
		assertThat(send("GET", "/api/v1/buckets", null, null).statusCode()).isEqualTo(401);
		assertThat(send("GET", "/api/v1/buckets", "not-a-token", null).statusCode()).isEqualTo(401);
	}

	@Test
	void shouldSearchAndExportFindingsFromTheResultsTable() throws Exception {
		ScanRecord record = ConsoleFixtures.infected("finding-" + System.nanoTime(), "uploads", "in/eicar, \"x\".com");
		this.stack.results.put(record);

		HttpResponse<String> infected = send("GET", "/api/v1/findings?result=Infected&signature=eicar", this.viewer,
				null);
		assertThat(infected.body()).contains(record.id());
		assertThat(send("GET", "/api/v1/findings?result=Clean", this.viewer, null).body()).doesNotContain(record.id());
		assertThat(send("GET", "/api/v1/findings/" + record.id(), this.viewer, null).body())
			.contains("\"engineId\":\"clamav\"");
		HttpResponse<String> csv = send("GET", "/api/v1/findings/export?bucket=uploads", this.viewer, null);
		assertThat(csv.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/csv"));
		assertThat(csv.body()).startsWith("id,scannedAt,bucket,key")
			.contains(record.id() + ",2026-01-02T10:00:00Z,uploads,\"in/eicar, \"\"x\"\".com\",v1,68,Infected,");
	}

	@Test
	void shouldPutAnObjectBackOnTheScanQueueForAdmins() throws Exception {
		ScanRecord record = ConsoleFixtures.infected("rescan-" + System.nanoTime(), "uploads", "in box/a+b.com");
		this.stack.results.put(record);
		String queue = this.stack.elasticmq.queueUrl(ConsoleTestStack.SCAN_QUEUE);

		assertThat(send("POST", "/api/v1/findings/" + record.id() + "/rescan", this.viewer, null).statusCode())
			.isEqualTo(403);
		assertThat(send("POST", "/api/v1/findings/" + record.id() + "/rescan", this.admin, null).statusCode())
			.isEqualTo(202);

		List<Message> messages = this.stack.sqs
			.receiveMessage((request) -> request.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(5))
			.messages();
		assertThat(messages).singleElement().satisfies((message) -> {
			JsonNode s3 = JsonMapper.builder().build().readTree(message.body()).get("Records").get(0).get("s3");
			assertThat(s3.get("bucket").get("name").asString()).isEqualTo("uploads");
			assertThat(s3.get("object").get("key").asString()).as("URL-encoded as S3 does")
				.isEqualTo("in+box/a%2Bb.com");
			assertThat(s3.get("object").get("versionId").asString()).isEqualTo("v1");
		});
		this.stack.sqs
			.deleteMessage((request) -> request.queueUrl(queue).receiptHandle(messages.get(0).receiptHandle()));
		assertThat(send("GET", "/api/v1/audit", this.viewer, null).body()).contains("\"action\":\"scan.trigger\"")
			.contains("\"target\":\"s3://uploads/in box/a+b.com\"");
	}

	@Test
	void shouldTestTheWebhookAgainstARealServer() throws Exception {
		String hook = "http://127.0.0.1:" + this.webhook.getAddress().getPort() + "/hook";
		long version = this.stack.settings.version();
		assertThat(send("PUT", "/api/v1/integrations", this.admin, "{\"webhookUrl\":\"" + hook + "\"}").statusCode())
			.isEqualTo(200);
		assertThat(this.stack.settings.integrations().webhookUrl()).as("what agents read").isEqualTo(hook);
		assertThat(this.stack.settings.version()).as("bumped, so agents re-read").isGreaterThan(version);

		HttpResponse<String> test = send("POST", "/api/v1/integrations/webhook/test", this.admin, null);
		assertThat(test.body()).contains("\"delivered\":true").contains("\"status\":204");
		assertThat(this.webhookBodies).singleElement()
			.asString()
			.contains("\"text\":\"BucketWarden test message from admin");

		this.webhookStatus.set(500);
		assertThat(send("POST", "/api/v1/integrations/webhook/test", this.admin, null).body())
			.contains("\"delivered\":false")
			.contains("\"status\":500");
		assertThat(send("POST", "/api/v1/integrations/webhook/test", this.viewer, null).statusCode()).isEqualTo(403);
		assertThat(send("GET", "/api/v1/audit", this.viewer, null).body()).contains("integrations.webhook-test");
	}

	@Test
	void shouldKeepSchedulesForAdminsWhereTheRetroAgentReadsThem() throws Exception {
		String bucket = "scheduled-" + System.nanoTime() % 100_000;
		this.stack.s3.createBucket((request) -> request.bucket(bucket));
		String schedule = "{\"cron\":\"0 0 3 * * SUN\",\"buckets\":[\"" + bucket + "\"],\"lookback\":\"7d\","
				+ "\"rescan\":\"SIGNATURES_BEFORE\",\"signaturesOlderThan\":\"30d\"}";
		assertThat(send("PUT", "/api/v1/schedules/weekly-api", this.admin, schedule).statusCode())
			.as("the bucket is not protected yet")
			.isEqualTo(400);
		assertThat(send("PUT", "/api/v1/buckets/" + bucket, this.admin, "{\"remediation\":\"KEEP\"}").statusCode())
			.isEqualTo(200);
		long version = this.stack.settings.version();

		assertThat(send("PUT", "/api/v1/schedules/weekly-api", this.viewer, schedule).statusCode()).isEqualTo(403);
		HttpResponse<String> bad = send("PUT", "/api/v1/schedules/weekly-api", this.admin,
				"{\"cron\":\"every sunday\",\"buckets\":[\"" + bucket + "\"]}");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).contains("Not a cron expression");
		assertThat(send("PUT", "/api/v1/schedules/weekly-api", this.admin,
				"{\"cron\":\"0 0 3 * * SUN\",\"buckets\":[\"" + bucket + "\"],\"rescan\":\"SIGNATURES_BEFORE\"}")
			.body()).contains("SIGNATURES_BEFORE needs");
		assertThat(send("PUT", "/api/v1/schedules/Weekly", this.admin, schedule).statusCode()).isEqualTo(400);
		assertThat(send("PUT", "/api/v1/schedules/weekly-api", this.admin, "{\"cron\":\"0 0 3 * * SUN\"}").body())
			.contains("either buckets or a directory");
		assertThat(this.stack.settings.version()).as("nothing invalid was saved").isEqualTo(version);

		HttpResponse<String> put = send("PUT", "/api/v1/schedules/weekly-api", this.admin, schedule);
		assertThat(put.statusCode()).isEqualTo(200);
		assertThat(put.body()).contains("\"name\":\"weekly-api\"", "\"enabled\":true", "\"lookback\":\"7d\"",
				"\"nextRun\":\"");
		assertThat(this.stack.settings.version()).as("bumped, so schedulers re-read").isGreaterThan(version);
		assertThat(new ScheduleStore(this.stack.settings).find("weekly-api")).as("what the retro agent reads")
			.hasValueSatisfying((stored) -> {
				assertThat(stored.schedule().buckets()).containsExactly(bucket);
				assertThat(stored.schedule().lookback()).isEqualTo(Duration.ofDays(7));
				assertThat(stored.schedule().rescan()).isEqualTo(Rescan.Mode.SIGNATURES_BEFORE);
				assertThat(stored.schedule().signaturesOlderThan()).isEqualTo(Duration.ofDays(30));
				assertThat(stored.updatedBy()).isEqualTo("admin");
			});

		JobStore jobs = new JobStore(this.stack.dynamo, ConsoleTestStack.JOBS_TABLE, Clock.systemUTC());
		Job job = jobs.create(JobRequest.buckets(List.of(bucket), "schedule:weekly-api").toSpec(Clock.systemUTC()));
		// Ended, so the Retro scans page of other tests does not refresh itself for it.
		jobs.cancel(job.id(), "a schedule's job, for the test");
		HttpResponse<String> list = send("GET", "/api/v1/schedules", this.viewer, null);
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains("\"name\":\"weekly-api\"", "\"lastJob\":\"" + job.id() + "\"");
		assertThat(send("GET", "/api/v1/schedules/weekly-api", this.viewer, null).body())
			.contains("\"cron\":\"0 0 3 * * SUN\"");

		assertThat(send("PUT", "/api/v1/schedules/weekly-api", this.admin, schedule.replace("{", "{\"enabled\":false,"))
			.body()).contains("\"enabled\":false", "\"nextRun\":null");
		assertThat(send("DELETE", "/api/v1/schedules/weekly-api", this.viewer, null).statusCode()).isEqualTo(403);
		assertThat(send("DELETE", "/api/v1/schedules/weekly-api", this.admin, null).statusCode()).isEqualTo(204);
		assertThat(send("GET", "/api/v1/schedules/weekly-api", this.viewer, null).statusCode()).isEqualTo(404);
		assertThat(send("DELETE", "/api/v1/schedules/weekly-api", this.admin, null).statusCode()).isEqualTo(404);
		assertThat(new ScheduleStore(this.stack.settings).find("weekly-api")).isEmpty();
		assertThat(send("GET", "/api/v1/audit", this.viewer, null).body()).contains("\"action\":\"schedule.save\"",
				"\"action\":\"schedule.delete\"", "\"target\":\"weekly-api\"");
	}

	@Test
	void shouldScheduleAnEbsVolumeForAdminsWhereTheRetroAgentReadsIt() throws Exception {
		String schedule = "{\"cron\":\"0 0 4 * * *\",\"ebsVolume\":\"vol-0123456789abcdef0\"}";
		assertThat(send("PUT", "/api/v1/schedules/ebs-api", this.viewer, schedule).statusCode()).isEqualTo(403);
		HttpResponse<String> mixed = send("PUT", "/api/v1/schedules/ebs-api", this.admin,
				"{\"cron\":\"0 0 4 * * *\",\"ebsVolume\":\"vol-1\",\"directory\":\"/mnt/efs\"}");
		assertThat(mixed.statusCode()).isEqualTo(400);
		assertThat(mixed.body()).contains("one of them");
		assertThat(send("PUT", "/api/v1/schedules/ebs-api", this.admin,
				"{\"cron\":\"0 0 4 * * *\",\"ebsVolume\":\"vol-1\",\"lookback\":\"7d\"}")
			.body()).contains("whole snapshot");

		HttpResponse<String> put = send("PUT", "/api/v1/schedules/ebs-api", this.admin, schedule);

		assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
		assertThat(put.body()).contains("\"ebsVolume\":\"vol-0123456789abcdef0\"",
				"EBS volume vol-0123456789abcdef0 (a new snapshot each run)");
		assertThat(new ScheduleStore(this.stack.settings).find("ebs-api")).as("what the retro agent reads")
			.hasValueSatisfying((stored) -> {
				assertThat(stored.schedule().ebsVolume()).isEqualTo("vol-0123456789abcdef0");
				assertThat(stored.schedule().buckets()).isEmpty();
				assertThat(stored.schedule().region()).isNull();
			});
		assertThat(send("GET", "/api/v1/schedules", this.viewer, null).body()).contains("\"name\":\"ebs-api\"");
		assertThat(send("GET", "/api/v1/audit?limit=1000", this.viewer, null).body())
			.contains("\"ebsVolume\":\"vol-0123456789abcdef0\"");
		assertThat(send("DELETE", "/api/v1/schedules/ebs-api", this.admin, null).statusCode()).isEqualTo(204);
	}

	@Test
	void shouldSaveTheSecurityHubToggleWhereAgentsReadIt() throws Exception {
		HttpResponse<String> put = send("PUT", "/api/v1/integrations", this.admin,
				"{\"securityHub\":true,\"securityHubErrors\":true}");

		assertThat(put.statusCode()).isEqualTo(200);
		assertThat(put.body()).contains("\"securityHub\":true", "\"securityHubUnscannable\":false",
				"\"securityHubErrors\":true");
		assertThat(this.stack.settings.integrations().securityHub()).as("what agents read")
			.isEqualTo(new StoredIntegrations.SecurityHub(true, false, true));
		assertThat(send("GET", "/api/v1/integrations", this.viewer, null).body()).contains("\"securityHub\":true");
		assertThat(send("PUT", "/api/v1/integrations", this.viewer, "{\"securityHub\":false}").statusCode())
			.isEqualTo(403);
		assertThat(send("GET", "/api/v1/audit?limit=1000", this.viewer, null).body())
			.contains("\"securityHubErrors\":\"true\"");

		assertThat(send("PUT", "/api/v1/integrations", this.admin, "{}").statusCode()).isEqualTo(200);
		assertThat(this.stack.settings.integrations().securityHub()).isEqualTo(StoredIntegrations.SecurityHub.OFF);
	}

	@Test
	void shouldShowTheWebhookMaskedToEveryoneAndKeepItOutOfTheAuditLogAndTheLogs(CapturedOutput output)
			throws Exception {
		String secret = "T0SECRET/B0SECRET/xoxb" + System.nanoTime();
		String hook = "http://127.0.0.1:" + this.webhook.getAddress().getPort() + "/hook/" + secret;
		String masked = "http://127.0.0.1:" + this.webhook.getAddress().getPort() + "/***";

		HttpResponse<String> put = send("PUT", "/api/v1/integrations", this.admin, "{\"webhookUrl\":\"" + hook + "\"}");
		assertThat(put.statusCode()).isEqualTo(200);
		assertThat(this.stack.settings.integrations().webhookUrl()).as("what agents read").isEqualTo(hook);
		HttpResponse<String> viewerApi = send("GET", "/api/v1/integrations", this.viewer, null);
		HttpResponse<String> adminApi = send("GET", "/api/v1/integrations", this.admin, null);
		assertThat(viewerApi.body()).contains("\"webhookUrl\":\"" + masked + "\"");
		assertThat(send("PUT", "/api/v1/integrations", this.admin,
				"{\"webhookUrl\":\"" + masked + "\",\"eventBus\":\"findings-bus\"}")
			.statusCode()).isEqualTo(200);
		assertThat(this.stack.settings.integrations().webhookUrl()).as("the masked value keeps the saved one")
			.isEqualTo(hook);
		assertThat(this.stack.settings.integrations().eventBus()).isEqualTo("findings-bus");
		HttpResponse<String> test = send("POST", "/api/v1/integrations/webhook/test", this.admin, null);
		assertThat(test.body()).contains("\"delivered\":true");
		String viewerPage = page(OidcSignIn.sessionCookie(console(), "viewer", List.of("viewers")), "/integrations");
		String adminPage = page(OidcSignIn.sessionCookie(console(), "admin", List.of("admins")), "/integrations");
		assertThat(viewerPage).contains("value=\"" + masked + "\"");
		HttpResponse<String> audit = send("GET", "/api/v1/audit?limit=1000", this.viewer, null);
		assertThat(audit.body()).contains("integrations.update", "integrations.webhook-test", masked);

		for (String shown : List.of(put.body(), viewerApi.body(), adminApi.body(), test.body(), viewerPage, adminPage,
				audit.body(), output.getAll())) {
			assertThat(shown).doesNotContain("SECRET").doesNotContain("/hook/");
		}
	}

	@Test
	void shouldDescribeTheApiToSignedInUsersOnly() throws Exception {
		HttpResponse<String> anonymous = send("GET", "/v3/api-docs", null, null);
		assertThat(anonymous.statusCode()).isEqualTo(302);
		assertThat(anonymous.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/oauth2/authorization/console"));
		assertThat(send("GET", "/swagger-ui/index.html", null, null).statusCode()).isEqualTo(302);
		String viewer = OidcSignIn.sessionCookie(console(), "viewer", List.of("viewers"));
		assertThat(page(viewer, "/swagger-ui/index.html")).contains("swagger");
		String docs = page(viewer, "/v3/api-docs");
		assertThat(docs).contains("/api/v1/buckets/{name}")
			.contains("/api/v1/findings/export")
			.contains("/api/v1/schedules/{name}");
	}

	private URI console() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	/** A page as the signed-in browser gets it: 200 or the test fails. */
	private String page(String sessionCookie, String path) throws Exception {
		HttpResponse<String> page = this.http.send(
				HttpRequest.newBuilder(console().resolve(path)).header("Cookie", sessionCookie).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).as(path).isEqualTo(200);
		return page.body();
	}

	private HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
