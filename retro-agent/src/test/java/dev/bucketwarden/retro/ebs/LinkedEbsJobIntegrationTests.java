package dev.bucketwarden.retro.ebs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateVolumePermission;
import software.amazon.awssdk.services.ec2.model.SnapshotAttributeName;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.sts.StsClient;

import dev.bucketwarden.agent.accounts.AssumeRoleRequests;
import dev.bucketwarden.agent.accounts.AssumedRoleCredentials;
import dev.bucketwarden.agent.accounts.LinkedAccounts;
import dev.bucketwarden.jobs.EbsSource;
import dev.bucketwarden.jobs.Job;
import dev.bucketwarden.jobs.JobSpec;
import dev.bucketwarden.jobs.JobState;
import dev.bucketwarden.jobs.JobStore;
import dev.bucketwarden.local.aws.DynamoDbTables;
import dev.bucketwarden.local.moto.MotoOptions;
import dev.bucketwarden.local.moto.MotoServer;
import dev.bucketwarden.local.samples.Samples;
import dev.bucketwarden.local.support.AwsEmulator;
import dev.bucketwarden.retro.RetroAgentApplication;
import dev.bucketwarden.retro.RetroContexts;
import dev.bucketwarden.retro.RetroTestStack;
import dev.bucketwarden.retro.cli.CommandLine;
import dev.bucketwarden.store.accounts.AccountQuarantine;
import dev.bucketwarden.store.accounts.LinkedAccount;
import dev.bucketwarden.store.accounts.LinkedAccountTable;
import dev.bucketwarden.store.settings.DynamoDbSettingsTable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * EBS jobs of a linked account against moto's STS and EC2 (moto keeps each account's
 * resources apart and acts in the account of an assumed role's key): the snapshot is
 * taken and shared with the deployment's account through the linked role, and, end to end
 * through the local launcher with clamd, tagged with its result through the role and no
 * longer shared.
 */
class LinkedEbsJobIntegrationTests {

	private static final String LINKED = "111122223333";

	/** moto's account for keys it did not issue: the deployment's own here. */
	private static final String OWN = "123456789012";

	private static final LinkedAccount LINK = new LinkedAccount(LINKED, "Team A",
			"arn:aws:iam::" + LINKED + ":role/bucketwarden-linked", "external-id-of-team-a", AccountQuarantine.CENTRAL,
			null, Instant.now(), null, Instant.now(), "admin");

	private static MotoServer moto;

	private static StsClient sts;

	/** The linked account as its owner sees it (a session of its own). */
	private static Ec2Client owner;

	private final RetroTestStack stack = RetroTestStack.get();

	private final List<String> signedWith = new CopyOnWriteArrayList<>();

	private final List<Ec2Client> clients = new ArrayList<>();

	@TempDir
	Path temp;

	@BeforeAll
	static void startMoto() {
		moto = MotoServer.start(MotoOptions.in(Path.of("target", "moto-linked-ebs-" + ProcessHandle.current().pid())));
		sts = StsClient.builder()
			.endpointOverride(moto.endpoint())
			.region(Region.of(AwsEmulator.REGION))
			.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(AwsEmulator.ACCESS_KEY_ID, AwsEmulator.SECRET_ACCESS_KEY)))
			.httpClient(UrlConnectionHttpClient.create())
			.build();
		owner = ec2(role("team-a-admin"), List.of());
	}

	@AfterAll
	static void stopMoto() {
		owner.close();
		sts.close();
		moto.close();
	}

	@AfterEach
	void closeClients() {
		this.clients.forEach(Ec2Client::close);
	}

	@Test
	void shouldTakeAndShareTheSnapshotOfALinkedVolumeThroughItsRole() {
		RetroTestStack.Lane lane = this.stack.lane("ebs-linked");
		String volume = owner.createVolume((r) -> r.availabilityZone(AwsEmulator.REGION + "a").size(1)).volumeId();
		Job job = lane.jobs().create(JobSpec.ebs(EbsSource.volume(volume).in(null, LINKED), "test"));
		AssumedRoleCredentials role = role("bucketwarden-retro-agent");
		List<List<String>> sharedAtLaunch = new ArrayList<>();
		EbsJobRunner runner = new EbsJobRunner(lane.jobs(), accounts(role), (jobId, snapshotId) -> {
			sharedAtLaunch.add(sharedWith(snapshotId));
			return "recorded";
		}, EcsEbsScanLauncherTests.properties(null), AwsEmulator.REGION);

		Job after = runner.run(job, quiet());

		String snapshot = after.spec().ebs().snapshotId();
		assertThat(snapshot).startsWith("snap-");
		var taken = owner.describeSnapshots((r) -> r.snapshotIds(snapshot)).snapshots().getFirst();
		assertThat(taken.ownerId()).as("taken in the linked account").isEqualTo(LINKED);
		assertThat(taken.volumeId()).isEqualTo(volume);
		assertThat(taken.tags()).contains(Tag.builder().key("bucketwarden:retro-job").value(job.id()).build());
		assertThat(sharedAtLaunch).containsExactly(List.of(OWN));
		assertThat(sharedWith(snapshot)).as("shared until its scan tags it").containsExactly(OWN);
		assertThat(this.signedWith).as("every EC2 request signed with the assumed role's key")
			.isNotEmpty()
			.containsOnly(role.resolveCredentials().accessKeyId());
		assertThat(role.resolveCredentials().accessKeyId()).isNotEqualTo(AwsEmulator.ACCESS_KEY_ID);
	}

	@Test
	void shouldTakeTheShareBackWhenTheScanCannotStart() {
		RetroTestStack.Lane lane = this.stack.lane("ebs-linked-fail");
		String snapshot = snapshotOf(owner);
		Job job = lane.jobs().create(JobSpec.ebs(EbsSource.snapshot(snapshot).in(null, LINKED), "test"));
		EbsJobRunner runner = new EbsJobRunner(lane.jobs(), accounts(role("bucketwarden-retro-agent")),
				(jobId, snapshotId) -> {
					assertThat(sharedWith(snapshotId)).containsExactly(OWN);
					throw new IllegalStateException("no task");
				}, EcsEbsScanLauncherTests.properties(null), AwsEmulator.REGION);

		assertThatIllegalStateException().isThrownBy(() -> runner.run(job, quiet())).withMessage("no task");

		assertThat(sharedWith(snapshot)).isEmpty();
	}

	@Test
	void shouldRefuseAJobOfAnAccountThatIsNotLinked() {
		RetroTestStack.Lane lane = this.stack.lane("ebs-unlinked");
		Job job = lane.jobs().create(JobSpec.ebs(EbsSource.snapshot("snap-0123").in(null, "444455556666"), "test"));
		EbsJobRunner runner = new EbsJobRunner(lane.jobs(), accounts(role("bucketwarden-retro-agent")),
				(jobId, snapshotId) -> "never", EcsEbsScanLauncherTests.properties(null), AwsEmulator.REGION);

		assertThatExceptionOfType(SnapshotException.class).isThrownBy(() -> runner.run(job, quiet()))
			.withMessageContaining("444455556666 is not linked");
	}

	@Test
	void shouldScanALinkedSnapshotThroughTheLocalLauncherTagItThroughTheRoleAndUnshareIt() throws Exception {
		RetroTestStack.Lane lane = this.stack.lane("ebs-linked-e2e");
		String settingsTable = "settings-" + lane.jobsTable();
		DynamoDbTables.createAndAwaitActive(this.stack.dynamo, DynamoDbSettingsTable.tableDefinition(settingsTable),
				Duration.ofSeconds(30));
		new LinkedAccountTable(new DynamoDbSettingsTable(this.stack.dynamo, settingsTable)).put(LINK);
		Path infected = Files.createDirectories(this.temp.resolve("volume/home/user"));
		Files.write(infected.resolve("eicar.com"), Samples.eicar());
		Files.writeString(this.temp.resolve("volume/readme.txt"), "hello");
		String snapshot = snapshotOf(owner);
		Map<String, String> settings = new LinkedHashMap<>(this.stack.properties(lane));
		settings.putAll(RetroContexts.testSettings());
		settings.put("bucketwarden.settings.table", settingsTable);
		settings.put("bucketwarden.accounts.sts-endpoint", moto.endpoint().toString());
		settings.put("bucketwarden.accounts.own-account", OWN);
		settings.put("bucketwarden.retro.ebs.ec2-endpoint", moto.endpoint().toString());
		settings.put("bucketwarden.retro.ebs.launcher", "LOCAL");
		settings.put("bucketwarden.retro.launcher.local.log-directory", this.temp.resolve("logs").toString());
		settings.put("bucketwarden.retro.ebs.local-snapshots." + snapshot, this.temp.resolve("volume").toString());
		List<String> args = new ArrayList<>(
				List.of("start", "--ebs-snapshot", snapshot, "--account", LINKED, "--no-watch"));
		settings.forEach((key, value) -> args.add("--" + key + "=" + value));

		String started = run(args);

		Matcher created = Pattern.compile("Job (retro-\\S+):").matcher(started);
		assertThat(created.find()).as(started).isTrue();
		assertThat(started).contains("shared with " + OWN);
		String jobId = created.group(1);
		Job job = awaitEnd(lane.jobs(), jobId);
		assertThat(job.state()).as(log(jobId)).isEqualTo(JobState.DONE);
		// The scan ends its job, then tags the snapshot and takes the share back.
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(tags(snapshot)).as(log(jobId)).containsKey("scan-result"));
		assertThat(tags(snapshot)).containsEntry("scan-result", "Infected").containsKey("scan-date");
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sharedWith(snapshot).isEmpty());
		assertThat(sharedWith(snapshot)).as("the share is taken back after the scan").isEmpty();
	}

	private EbsAccounts accounts(AssumedRoleCredentials role) {
		LinkedAccounts links = new LinkedAccounts() {

			@Override
			public Optional<LinkedAccount> link(String accountId) {
				return LINKED.equals(accountId) ? Optional.of(LINK) : Optional.empty();
			}

			@Override
			public Collection<LinkedAccount> all() {
				return List.of(LINK);
			}

		};
		Ec2Client own = ec2(
				StaticCredentialsProvider
					.create(AwsBasicCredentials.create(AwsEmulator.ACCESS_KEY_ID, AwsEmulator.SECRET_ACCESS_KEY)),
				List.of());
		this.clients.add(own);
		return new EbsAccounts(new Snapshots(own, Clock.systemUTC()), OWN, links, (link) -> {
			Ec2Client client = ec2(role, List.of(new SignedWith(this.signedWith)));
			this.clients.add(client);
			return client;
		}, (client) -> new Snapshots(client, Clock.systemUTC()));
	}

	private static AssumedRoleCredentials role(String session) {
		return new AssumedRoleCredentials(sts, AssumeRoleRequests.of(LINK, session, Duration.ofMinutes(15)),
				Duration.ofMinutes(5), Clock.systemUTC());
	}

	private static Ec2Client ec2(AwsCredentialsProvider credentials, List<ExecutionInterceptor> interceptors) {
		return Ec2Client.builder()
			.endpointOverride(moto.endpoint())
			.region(Region.of(AwsEmulator.REGION))
			.credentialsProvider(credentials)
			.overrideConfiguration((o) -> o.executionInterceptors(interceptors))
			.httpClient(UrlConnectionHttpClient.create())
			.build();
	}

	private static String snapshotOf(Ec2Client ec2) {
		String volume = ec2.createVolume((r) -> r.availabilityZone(AwsEmulator.REGION + "a").size(1)).volumeId();
		return ec2.createSnapshot((r) -> r.volumeId(volume)).snapshotId();
	}

	private static Map<String, String> tags(String snapshotId) {
		Map<String, String> tags = new LinkedHashMap<>();
		owner.describeSnapshots((r) -> r.snapshotIds(snapshotId))
			.snapshots()
			.getFirst()
			.tags()
			.forEach((tag) -> tags.put(tag.key(), tag.value()));
		return tags;
	}

	/** The accounts the snapshot is shared with, as its owner sees them. */
	private static List<String> sharedWith(String snapshotId) {
		return owner
			.describeSnapshotAttribute(
					(r) -> r.snapshotId(snapshotId).attribute(SnapshotAttributeName.CREATE_VOLUME_PERMISSION))
			.createVolumePermissions()
			.stream()
			.map(CreateVolumePermission::userId)
			.toList();
	}

	private static PrintStream quiet() {
		return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
	}

	private String log(String jobId) {
		try {
			return Files.readString(this.temp.resolve("logs").resolve("ebs-" + jobId + ".log"));
		}
		catch (IOException ex) {
			return "no log: " + ex;
		}
	}

	private static Job awaitEnd(JobStore jobs, String id) {
		try {
			return Awaitility.await()
				.atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> jobs.find(id).orElseThrow(), (job) -> job.state().terminal());
		}
		catch (ConditionTimeoutException ex) {
			return jobs.find(id).orElseThrow();
		}
	}

	private static String run(List<String> args) {
		PrintStream original = System.out;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
		int code;
		try {
			code = RetroAgentApplication.run(CommandLine.parse(args.toArray(String[]::new)));
		}
		finally {
			System.setOut(original);
		}
		String text = captured.toString(StandardCharsets.UTF_8);
		original.println(text);
		assertThat(code).as(text).isZero();
		return text;
	}

	/** Records the access key each request is signed with. */
	private record SignedWith(List<String> keys) implements ExecutionInterceptor {

		private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/]+)/");

		@Override
		public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
			context.httpRequest().firstMatchingHeader("Authorization").ifPresent((header) -> {
				Matcher matcher = CREDENTIAL.matcher(header);
				if (matcher.find()) {
					this.keys.add(matcher.group(1));
				}
			});
		}

	}

}
