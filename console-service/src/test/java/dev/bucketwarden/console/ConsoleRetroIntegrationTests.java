package dev.bucketwarden.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bucketwarden.console.audit.AuditLog;
import dev.bucketwarden.console.buckets.BucketCatalog;
import dev.bucketwarden.console.buckets.BucketRequest;
import dev.bucketwarden.console.retro.JobLauncher;
import dev.bucketwarden.console.retro.JobView;
import dev.bucketwarden.console.retro.RetroJobs;
import dev.bucketwarden.console.retro.StartRequest;
import dev.bucketwarden.jobs.JobRequest;
import dev.bucketwarden.jobs.JobState;
import dev.bucketwarden.jobs.JobStore;
import dev.bucketwarden.local.oidc.OidcServer;
import dev.bucketwarden.local.samples.Samples;
import dev.bucketwarden.store.settings.Remediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Retro scans through the console's API on real servers: an admin starts a job over a
 * protected bucket of S3Mock; the console records it in the jobs table (DynamoDB Local)
 * and runs the retro agent's jar ({@code run JOB}) with its local launcher; the agent
 * crawls, its worker scans with a real clamd, and the job the console shows reaches DONE
 * with its counters. Needs retro-agent's jar (built before this module in the reactor).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleRetroIntegrationTests {

	private static final Pattern ID = Pattern.compile("\"id\":\"(retro-[^\"]+)\"");

	private final ConsoleTestStack stack = ConsoleTestStack.get();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	BucketCatalog buckets;

	@Autowired
	AuditLog audit;

	private String admin;

	private String viewer;

	@DynamicPropertySource
	static void stack(DynamicPropertyRegistry registry) {
		ConsoleTestStack.get().register(registry);
	}

	@BeforeEach
	void tokens() {
		this.admin = OidcSignIn.accessToken(this.stack.oidc, OidcServer.CONSOLE_CLIENT_ID, "admin", List.of("admins"));
		this.viewer = OidcSignIn.accessToken(this.stack.oidc, OidcServer.CONSOLE_CLIENT_ID, "viewer",
				List.of("viewers"));
	}

	@Test
	void shouldStartARetroScanThatRunsToDoneWithItsCounters() throws Exception {
		assumeTrue(Files.isRegularFile(ConsoleTestStack.RETRO_JAR),
				"retro-agent's jar is not built: " + ConsoleTestStack.RETRO_JAR);
		String bucket = "retro-" + System.nanoTime();
		this.stack.s3.createBucket((r) -> r.bucket(bucket));
		for (int i = 0; i < 5; i++) {
			int n = i;
			this.stack.s3.putObject((r) -> r.bucket(bucket).key("old/file-" + n + ".txt"),
					RequestBody.fromString("old file " + n));
		}
		this.stack.s3.putObject((r) -> r.bucket(bucket).key("old/eicar.com"), RequestBody.fromBytes(Samples.eicar()));
		this.stack.s3.putObject((r) -> r.bucket(bucket).key("new/not-in-prefix.txt"), RequestBody.fromString("x"));
		String start = "{\"buckets\":[\"" + bucket + "\"],\"prefix\":\"old/\"}";
		assertThat(send("POST", "/api/v1/retro/jobs", this.admin, start).statusCode())
			.as("an unprotected bucket is refused")
			.isEqualTo(400);
		assertThat(send("PUT", "/api/v1/buckets/" + bucket, this.admin, "{\"remediation\":\"KEEP\"}").statusCode())
			.isEqualTo(200);
		assertThat(send("POST", "/api/v1/retro/jobs", this.viewer, start).statusCode()).isEqualTo(403);

		HttpResponse<String> started = send("POST", "/api/v1/retro/jobs", this.admin, start);

		assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
		Matcher id = ID.matcher(started.body());
		assertThat(id.find()).isTrue();
		String job = id.group(1);
		String body = awaitEnd(job);
		assertThat(body).as("the job, see target/retro-logs")
			.contains("\"state\":\"DONE\"", "\"percent\":100", "\"resultsAddUp\":true");
		assertThat(body).contains("\"matched\":6", "\"scanned\":6", "\"clean\":5", "\"infected\":1", "\"errors\":0",
				"\"listed\":6");
		assertThat(send("GET", "/api/v1/retro/jobs", this.viewer, null).body()).contains(job);
		assertThat(send("POST", "/api/v1/retro/jobs/" + job + "/cancel", this.admin, null).statusCode())
			.as("a finished job cannot be cancelled")
			.isEqualTo(409);
		String audit = send("GET", "/api/v1/audit", this.viewer, null).body();
		assertThat(audit).contains("\"action\":\"retro.start\"", "\"target\":\"" + job + "\"", "local process");
	}

	@Test
	void shouldResumeAJobWhoseCrawlStoppedFromTheConsole() throws Exception {
		assumeTrue(Files.isRegularFile(ConsoleTestStack.RETRO_JAR),
				"retro-agent's jar is not built: " + ConsoleTestStack.RETRO_JAR);
		String bucket = "retro-resume-" + System.nanoTime();
		this.stack.s3.createBucket((r) -> r.bucket(bucket));
		for (int i = 0; i < 4; i++) {
			int n = i;
			this.stack.s3.putObject((r) -> r.bucket(bucket).key("file-" + n + ".txt"), RequestBody.fromString("f" + n));
		}
		this.buckets.save(null, bucket,
				new BucketRequest(null, null, Remediation.KEEP, null, null, null, null, null, null, null));
		JobStore store = new JobStore(this.stack.dynamo, ConsoleTestStack.JOBS_TABLE, Clock.systemUTC());
		// A job whose run stopped as the retro agent records it
		// (RetroCommandsIntegrationTests
		// makes a real run stop): still CRAWLING, with the reason.
		String said = store.create(JobRequest.buckets(List.of(bucket), "console:admin").toSpec(Clock.systemUTC())).id();
		String stopped = "The run failed: S3 refused the listing; run the job again to resume its crawl";
		assertThat(store.crawlStopped(said, stopped)).isTrue();
		// A job whose crawler was last heard from ten minutes ago (its task was stopped):
		// no reason, only silence.
		Clock tenMinutesAgo = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10));
		JobStore past = new JobStore(this.stack.dynamo, ConsoleTestStack.JOBS_TABLE, tenMinutesAgo);
		String silent = past.create(JobRequest.buckets(List.of(bucket), "console:admin").toSpec(Clock.systemUTC()))
			.id();
		assertThat(past.crawlerAlive(silent)).isTrue();
		assertThat(send("GET", "/api/v1/retro/jobs/" + said, this.viewer, null).body())
			.contains("\"state\":\"CRAWLING\"", "\"crawlStopped\":true", "\"progress\":\"crawl stopped: ");
		assertThat(send("GET", "/api/v1/retro/jobs/" + silent, this.viewer, null).body())
			.contains("\"state\":\"CRAWLING\"", "\"crawlStopped\":true", "\"reason\":null");
		assertThat(send("POST", "/api/v1/retro/jobs/" + said + "/resume", this.viewer, null).statusCode())
			.isEqualTo(403);

		for (String job : List.of(said, silent)) {
			HttpResponse<String> resumed = send("POST", "/api/v1/retro/jobs/" + job + "/resume", this.admin, null);

			assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
			assertThat(resumed.body()).as("not offered again while the new crawler starts")
				.contains("\"crawlStopped\":false");
		}
		for (String job : List.of(said, silent)) {
			String body = awaitEnd(job);
			assertThat(body).as("the job, see target/retro-logs")
				.contains("\"state\":\"DONE\"", "\"scanned\":4", "\"clean\":4", "\"crawlStopped\":false",
						"\"reason\":null");
			assertThat(store.find(job).orElseThrow().crawlerSeenAt()).as("its crawler said it was alive").isNotNull();
		}
		HttpResponse<String> again = send("POST", "/api/v1/retro/jobs/" + said + "/resume", this.admin, null);
		assertThat(again.statusCode()).as("a finished job cannot be resumed").isEqualTo(409);
		assertThat(this.audit.latest(50)).anySatisfy((event) -> {
			assertThat(event.action()).isEqualTo("retro.resume");
			assertThat(event.target()).isEqualTo(said);
			assertThat(event.details()).containsEntry("stopped", stopped).containsKey("started");
		});
	}

	@Test
	void shouldMarkTheJobFailedWhenTheRetroAgentCannotBeStarted() {
		String bucket = "retro-failing-" + System.nanoTime();
		this.stack.s3.createBucket((r) -> r.bucket(bucket));
		this.buckets.save(null, bucket,
				new BucketRequest(null, null, Remediation.KEEP, null, null, null, null, null, null, null));
		JobStore store = new JobStore(this.stack.dynamo, ConsoleTestStack.JOBS_TABLE, Clock.systemUTC());
		JobLauncher broken = new JobLauncher() {

			@Override
			public String launch(String jobId) {
				throw new IllegalStateException("no retro agent here");
			}

			@Override
			public String describe() {
				return "broken";
			}

		};
		RetroJobs jobs = new RetroJobs(store, broken, this.buckets, this.audit, Clock.systemUTC(),
				Duration.ofMinutes(5));

		assertThatIllegalStateException()
			.isThrownBy(() -> jobs.start(null, new StartRequest(List.of(bucket), null, null, null, null, null, null)))
			.withMessage("no retro agent here");

		JobView job = jobs.list().stream().filter((j) -> j.buckets().contains(bucket)).findFirst().orElseThrow();
		assertThat(job.state()).isEqualTo(JobState.FAILED);
		assertThat(job.reason()).isEqualTo("The retro agent could not be started: no retro agent here");
		assertThat(this.audit.latest(20)).anySatisfy((event) -> {
			assertThat(event.action()).isEqualTo("retro.start");
			assertThat(event.target()).isEqualTo(job.id());
			assertThat(event.details()).containsEntry("failed", "no retro agent here");
		});
	}

	/** The job as the API shows it once it no longer runs, or after 150 s. */
	private String awaitEnd(String job) throws Exception {
		String body = null;
		long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
		while (System.nanoTime() < deadline) {
			body = send("GET", "/api/v1/retro/jobs/" + job, this.viewer, null).body();
			if (!body.contains("\"running\":true")) {
				break;
			}
			Thread.sleep(500);
		}
		return body;
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
