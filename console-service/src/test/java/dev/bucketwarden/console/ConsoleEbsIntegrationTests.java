package dev.bucketwarden.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.sts.StsClient;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bucketwarden.jobs.Counter;
import dev.bucketwarden.jobs.EbsSource;
import dev.bucketwarden.jobs.FileResult;
import dev.bucketwarden.jobs.Job;
import dev.bucketwarden.jobs.JobKind;
import dev.bucketwarden.jobs.JobState;
import dev.bucketwarden.jobs.JobStore;
import dev.bucketwarden.local.moto.MotoOptions;
import dev.bucketwarden.local.moto.MotoServer;
import dev.bucketwarden.local.oidc.OidcServer;
import dev.bucketwarden.local.support.AwsEmulator;
import dev.bucketwarden.store.accounts.AccountQuarantine;
import dev.bucketwarden.store.accounts.LinkedAccount;
import dev.bucketwarden.store.accounts.LinkedAccountTable;
import dev.bucketwarden.store.settings.DynamoDbSettingsTable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The EBS API on real servers: the console lists moto's EBS volumes and snapshots (a
 * snapshot with its scan tags), an admin starts a scan of a volume and of a snapshot,
 * which the jobs table records as EBS jobs (the launcher here only records: the retro
 * agent's part is tested in the retro agent), and a viewer reads but cannot start.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleEbsIntegrationTests {

	private static final Pattern ID = Pattern.compile("\"id\":\"(retro-[^\"]+)\"");

	private static MotoServer moto;

	private final ConsoleTestStack stack = ConsoleTestStack.get();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	private String admin;

	private String viewer;

	@DynamicPropertySource
	static void stack(DynamicPropertyRegistry registry) {
		ConsoleTestStack.get().register(registry);
		moto = MotoServer.start(MotoOptions.in(Path.of("target", "moto-ebs-" + ProcessHandle.current().pid())));
		registry.add("bucketwarden.console.ec2-endpoint", () -> moto.endpoint().toString());
		registry.add("bucketwarden.console.sts-endpoint", () -> moto.endpoint().toString());
		registry.add("bucketwarden.console.retro.launcher", () -> "NONE");
	}

	@AfterAll
	static void stopMoto() {
		if (moto != null) {
			moto.close();
		}
	}

	@BeforeEach
	void tokens() {
		this.admin = OidcSignIn.accessToken(this.stack.oidc, OidcServer.CONSOLE_CLIENT_ID, "admin", List.of("admins"));
		this.viewer = OidcSignIn.accessToken(this.stack.oidc, OidcServer.CONSOLE_CLIENT_ID, "viewer",
				List.of("viewers"));
	}

	@Test
	void shouldListVolumesAndSnapshotsWithTheirResultsAndStartScans() throws Exception {
		String volume;
		String scanned;
		String unscanned;
		try (Ec2Client ec2 = Ec2Client.builder()
			.endpointOverride(moto.endpoint())
			.region(Region.of(AwsEmulator.REGION))
			.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(AwsEmulator.ACCESS_KEY_ID, AwsEmulator.SECRET_ACCESS_KEY)))
			.httpClient(UrlConnectionHttpClient.create())
			.build()) {
			volume = ec2.createVolume((r) -> r.availabilityZone("us-east-1a").size(3)).volumeId();
			scanned = ec2.createSnapshot((r) -> r.volumeId(volume).description("nightly")).snapshotId();
			unscanned = ec2.createSnapshot((r) -> r.volumeId(volume)).snapshotId();
			ec2.createTags((r) -> r.resources(scanned)
				.tags(Tag.builder().key("scan-result").value("Infected").build(),
						Tag.builder().key("scan-date").value("2026-12-06T10:00:00Z").build()));
		}

		String volumes = send("GET", "/api/v1/ebs/volumes", this.viewer, null).body();
		assertThat(volumes).contains("\"id\":\"" + volume + "\"", "\"sizeGiB\":3",
				"\"availabilityZone\":\"us-east-1a\"");
		String snapshots = send("GET", "/api/v1/ebs/snapshots", this.viewer, null).body();
		assertThat(snapshots).contains("\"id\":\"" + scanned + "\"", "\"scanResult\":\"Infected\"",
				"\"scanDate\":\"2026-12-06T10:00:00Z\"", "\"id\":\"" + unscanned + "\"");
		assertThat(snapshots.substring(snapshots.indexOf("\"id\":\"" + unscanned + "\"")))
			.startsWith("\"id\":\"" + unscanned + "\"")
			.contains("\"scanResult\":null");

		String fromSnapshot = "{\"snapshotId\":\"" + unscanned + "\"}";
		assertThat(send("POST", "/api/v1/ebs/jobs", this.viewer, fromSnapshot).statusCode()).isEqualTo(403);
		assertThat(send("POST", "/api/v1/ebs/jobs", this.admin, "{\"snapshotId\":\"vol-x\"}").statusCode())
			.as("not a snapshot id")
			.isEqualTo(400);
		HttpResponse<String> started = send("POST", "/api/v1/ebs/jobs", this.admin, fromSnapshot);
		HttpResponse<String> startedFromVolume = send("POST", "/api/v1/ebs/jobs", this.admin,
				"{\"volumeId\":\"" + volume + "\"}");

		assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
		assertThat(startedFromVolume.statusCode()).as(startedFromVolume.body()).isEqualTo(201);
		JobStore jobs = new JobStore(this.stack.dynamo, ConsoleTestStack.JOBS_TABLE, Clock.systemUTC());
		Job job = jobs.find(id(started.body())).orElseThrow();
		assertThat(job.spec().kind()).isEqualTo(JobKind.EBS);
		assertThat(job.spec().ebs()).isEqualTo(EbsSource.snapshot(unscanned));
		assertThat(job.spec().origin()).isEqualTo("admin");
		assertThat(job.state()).isEqualTo(JobState.CRAWLING);
		assertThat(jobs.find(id(startedFromVolume.body())).orElseThrow().spec().ebs())
			.isEqualTo(EbsSource.volume(volume));
		assertThat(send("GET", "/api/v1/ebs/jobs", this.viewer, null).body()).contains(job.id(),
				id(startedFromVolume.body()));
		assertThat(send("GET", "/api/v1/ebs/jobs/" + job.id(), this.viewer, null).body())
			.contains("\"snapshotId\":\"" + unscanned + "\"", "\"findings\":[]");
		// What volume-run records for the files it scans (tested in the retro agent).
		jobs.ledger()
			.recordFile(job.id(), new FileResult("etc/hosts", "Clean", null, List.of(), 20, null),
					Map.of(Counter.SCANNED, 1L, Counter.CLEAN, 1L));
		jobs.ledger()
			.recordFile(job.id(), new FileResult("home/user/eicar.com", "Infected", "Eicar-Signature",
					List.of("Eicar-Signature"), 68, null), Map.of(Counter.SCANNED, 1L, Counter.INFECTED, 1L));
		String detail = send("GET", "/api/v1/ebs/jobs/" + job.id(), this.viewer, null).body();
		assertThat(detail)
			.contains("\"path\":\"home/user/eicar.com\"", "\"result\":\"Infected\"", "\"infected\":1", "\"clean\":1")
			.doesNotContain("etc/hosts");
		assertThat(send("GET", "/api/v1/audit", this.viewer, null).body()).contains("\"action\":\"ebs.start\"",
				"\"target\":\"" + job.id() + "\"");
	}

	/**
	 * A verified linked account's volumes and snapshots are listed through its role
	 * (moto's STS; moto's EC2 acts in the account of the assumed role's key, so the
	 * deployment's own lists do not show them), and a scan of one names the account.
	 */
	@Test
	void shouldListALinkedAccountsVolumesAndSnapshotsThroughItsRoleAndStartItsScan() throws Exception {
		String account = "210987654321";
		LinkedAccount link = new LinkedAccount(account, "Team E",
				"arn:aws:iam::" + account + ":role/bucketwarden-linked", "external-id-of-team-e",
				AccountQuarantine.CENTRAL, null, Instant.now(),
				"arn:aws:sts::" + account + ":assumed-role/bucketwarden-linked/bucketwarden-console", Instant.now(),
				"admin");
		LinkedAccountTable links = new LinkedAccountTable(
				new DynamoDbSettingsTable(this.stack.dynamo, ConsoleTestStack.SETTINGS_TABLE));
		links.put(link);
		String volume;
		String snapshot;
		try (StsClient sts = StsClient.builder()
			.endpointOverride(moto.endpoint())
			.region(Region.of(AwsEmulator.REGION))
			.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(AwsEmulator.ACCESS_KEY_ID, AwsEmulator.SECRET_ACCESS_KEY)))
			.httpClient(UrlConnectionHttpClient.create())
			.build()) {
			var role = sts.assumeRole((r) -> r.roleArn(link.roleArn()).roleSessionName("team-e-admin").externalId("x"))
				.credentials();
			try (Ec2Client owner = Ec2Client.builder()
				.endpointOverride(moto.endpoint())
				.region(Region.of(AwsEmulator.REGION))
				.credentialsProvider(StaticCredentialsProvider.create(
						AwsSessionCredentials.create(role.accessKeyId(), role.secretAccessKey(), role.sessionToken())))
				.httpClient(UrlConnectionHttpClient.create())
				.build()) {
				volume = owner.createVolume((r) -> r.availabilityZone("us-east-1a").size(5)).volumeId();
				snapshot = owner.createSnapshot((r) -> r.volumeId(volume)).snapshotId();
				owner.createTags(
						(r) -> r.resources(snapshot).tags(Tag.builder().key("scan-result").value("Clean").build()));
			}
		}
		try {
			String volumes = send("GET", "/api/v1/ebs/accounts/" + account + "/volumes", this.viewer, null).body();
			assertThat(volumes).contains("\"id\":\"" + volume + "\"", "\"sizeGiB\":5",
					"\"account\":\"" + account + "\"");
			String snapshots = send("GET", "/api/v1/ebs/accounts/" + account + "/snapshots", this.viewer, null).body();
			assertThat(snapshots).contains("\"id\":\"" + snapshot + "\"", "\"scanResult\":\"Clean\"",
					"\"account\":\"" + account + "\"");
			assertThat(send("GET", "/api/v1/ebs/volumes", this.viewer, null).body()).doesNotContain(volume);
			assertThat(send("GET", "/api/v1/ebs/accounts/444455556666/volumes", this.viewer, null).statusCode())
				.as("not linked")
				.isEqualTo(404);

			HttpResponse<String> started = send("POST", "/api/v1/ebs/jobs", this.admin,
					"{\"volumeId\":\"" + volume + "\",\"account\":\"" + account + "\"}");
			HttpResponse<String> unlinked = send("POST", "/api/v1/ebs/jobs", this.admin,
					"{\"snapshotId\":\"" + snapshot + "\",\"account\":\"444455556666\"}");

			assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
			assertThat(started.body()).contains("\"account\":\"" + account + "\"");
			JobStore jobs = new JobStore(this.stack.dynamo, ConsoleTestStack.JOBS_TABLE, Clock.systemUTC());
			assertThat(jobs.find(id(started.body())).orElseThrow().spec().ebs())
				.isEqualTo(EbsSource.volume(volume).in(null, account));
			assertThat(unlinked.statusCode()).as(unlinked.body()).isEqualTo(409);
			assertThat(unlinked.body()).contains("not a verified linked account");
		}
		finally {
			links.delete(account);
		}
	}

	private static String id(String body) {
		Matcher id = ID.matcher(body);
		assertThat(id.find()).as(body).isTrue();
		return id.group(1);
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
