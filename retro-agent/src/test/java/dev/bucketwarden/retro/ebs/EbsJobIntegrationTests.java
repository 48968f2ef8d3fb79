package dev.bucketwarden.retro.ebs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.SnapshotState;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.NetworkMode;

import dev.bucketwarden.jobs.Counter;
import dev.bucketwarden.jobs.EbsSource;
import dev.bucketwarden.jobs.FileResult;
import dev.bucketwarden.jobs.Job;
import dev.bucketwarden.jobs.JobSpec;
import dev.bucketwarden.jobs.JobState;
import dev.bucketwarden.jobs.JobStore;
import dev.bucketwarden.jobs.launch.EcsTaskSettings;
import dev.bucketwarden.local.moto.MotoOptions;
import dev.bucketwarden.local.moto.MotoServer;
import dev.bucketwarden.local.samples.Samples;
import dev.bucketwarden.local.support.AwsEmulator;
import dev.bucketwarden.retro.RetroAgentApplication;
import dev.bucketwarden.retro.RetroContexts;
import dev.bucketwarden.retro.RetroTestStack;
import dev.bucketwarden.retro.cli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * EBS jobs against moto's EC2 and ECS and, end to end, through the local launcher with a
 * real clamd: a snapshot id mapped to a prepared directory is scanned by a process of its
 * own, which lists the infected file with its path and tags the snapshot.
 */
class EbsJobIntegrationTests {

	private static MotoServer moto;

	private static Ec2Client ec2;

	private static EcsClient ecs;

	private final RetroTestStack stack = RetroTestStack.get();

	@TempDir
	Path temp;

	@BeforeAll
	static void startMoto() {
		moto = MotoServer.start(MotoOptions.in(Path.of("target", "moto-ebs-" + ProcessHandle.current().pid())));
		var credentials = StaticCredentialsProvider
			.create(AwsBasicCredentials.create(AwsEmulator.ACCESS_KEY_ID, AwsEmulator.SECRET_ACCESS_KEY));
		ec2 = Ec2Client.builder()
			.endpointOverride(moto.endpoint())
			.region(Region.of(AwsEmulator.REGION))
			.credentialsProvider(credentials)
			.httpClient(UrlConnectionHttpClient.create())
			.build();
		ecs = EcsClient.builder()
			.endpointOverride(moto.endpoint())
			.region(Region.of(AwsEmulator.REGION))
			.credentialsProvider(credentials)
			.httpClient(UrlConnectionHttpClient.create())
			.build();
	}

	@AfterAll
	static void stopMoto() {
		ec2.close();
		ecs.close();
		moto.close();
	}

	@Test
	void shouldTakeASnapshotOfTheVolumeWaitForItAndStartItsScan() {
		RetroTestStack.Lane lane = this.stack.lane("ebs-volume");
		String volume = volume();
		Job job = lane.jobs().create(JobSpec.ebs(EbsSource.volume(volume), "test"));
		List<String> launched = new ArrayList<>();
		EbsJobRunner runner = new EbsJobRunner(lane.jobs(), EbsAccounts.ownOnly(new Snapshots(ec2, Clock.systemUTC())),
				(jobId, snapshotId) -> {
					launched.add(jobId + " " + snapshotId);
					return "recorded";
				}, EcsEbsScanLauncherTests.properties(null), AwsEmulator.REGION);

		Job after = runner.run(job, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

		String snapshotId = after.spec().ebs().snapshotId();
		assertThat(snapshotId).startsWith("snap-");
		assertThat(after.spec().ebs().volumeId()).isEqualTo(volume);
		assertThat(after.crawlerSeenAt()).isNotNull();
		Snapshot snapshot = ec2.describeSnapshots((r) -> r.snapshotIds(snapshotId)).snapshots().getFirst();
		assertThat(snapshot.state()).isEqualTo(SnapshotState.COMPLETED);
		assertThat(snapshot.volumeId()).isEqualTo(volume);
		assertThat(snapshot.description()).contains(job.id());
		assertThat(snapshot.tags()).contains(Tag.builder().key("bucketwarden:retro-job").value(job.id()).build());
		assertThat(launched).containsExactly(job.id() + " " + snapshotId);
	}

	/**
	 * moto's ECS takes the task definition's volume configured at launch and the RunTask
	 * request with its volume configuration (moto does not create the volume: it keeps no
	 * EBS volume of a task).
	 */
	@Test
	void shouldHaveEcsAcceptTheScanTask() {
		ecs.createCluster((r) -> r.clusterName("bucketwarden"));
		ecs.registerTaskDefinition((r) -> r.family("bucketwarden-ebs-scan")
			.requiresCompatibilities(Compatibility.FARGATE)
			.networkMode(NetworkMode.AWSVPC)
			.cpu("1024")
			.memory("2048")
			.volumes((v) -> v.name("scan-volume").configuredAtLaunch(true))
			.containerDefinitions((c) -> c.name("retro-agent")
				.image("bucketwarden/retro-agent")
				.essential(true)
				.cpu(1024)
				.memory(2048)
				.mountPoints((m) -> m.sourceVolume("scan-volume").containerPath("/mnt/scan").readOnly(true))));
		String vpc = ec2.createVpc((r) -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
		// moto names the task's network interface only in a VPC with DNS host names.
		ec2.modifyVpcAttribute((r) -> r.vpcId(vpc).enableDnsHostnames((b) -> b.value(true)));
		String subnet = ec2.createSubnet((r) -> r.vpcId(vpc).cidrBlock("10.0.1.0/24")).subnet().subnetId();
		String group = ec2.createSecurityGroup((r) -> r.vpcId(vpc).groupName("retro").description("retro tasks"))
			.groupId();
		EcsEbsScanLauncher launcher = new EcsEbsScanLauncher(ecs,
				new EcsTaskSettings("bucketwarden", "bucketwarden-retro", "retro-agent", List.of(subnet),
						List.of(group), false, "LATEST", null),
				EcsEbsScanLauncherTests.properties("arn:aws:iam::123456789012:role/bucketwarden-ecs-volumes"));

		String started = launcher.launch("retro-ebs-1", "snap-0123");

		assertThat(started).startsWith("ECS task arn:aws:ecs:");
		var task = ecs.describeTasks((r) -> r.cluster("bucketwarden").tasks(started.substring("ECS task ".length())))
			.tasks()
			.getFirst();
		assertThat(task.taskDefinitionArn()).contains("bucketwarden-ebs-scan");
		assertThat(task.overrides().containerOverrides().getFirst().command()).containsExactly("volume-run", "--job",
				"retro-ebs-1", "--directory", "/mnt/scan");
	}

	@Test
	void shouldScanSnapshotsThroughTheLocalLauncherAndTagThem() throws Exception {
		RetroTestStack.Lane lane = this.stack.lane("ebs-e2e");
		Path infected = Files.createDirectories(this.temp.resolve("infected/home/user"));
		Files.writeString(this.temp.resolve("infected/readme.txt"), "hello");
		Files.write(infected.resolve("eicar.com"), Samples.eicar());
		Path clean = Files.createDirectories(this.temp.resolve("clean/etc"));
		Files.writeString(clean.resolve("hosts"), "127.0.0.1 localhost");
		Files.writeString(this.temp.resolve("clean/notes.txt"), "notes");
		Path unreadable = Files.createDirectories(this.temp.resolve("unreadable"));
		Files.writeString(unreadable.resolve("a.txt"), "fine");
		// What cannot be read as a file (root reads any mode): a named pipe.
		Process fifo = new ProcessBuilder("mkfifo", unreadable.resolve("pipe").toString()).start();
		assertThat(fifo.waitFor()).isZero();
		Map<String, Path> snapshots = new LinkedHashMap<>();
		snapshots.put(snapshot(), this.temp.resolve("infected"));
		snapshots.put(snapshot(), clean.getParent());
		snapshots.put(snapshot(), unreadable);
		Map<String, String> extra = new LinkedHashMap<>();
		extra.put("bucketwarden.retro.ebs.ec2-endpoint", moto.endpoint().toString());
		extra.put("bucketwarden.retro.ebs.launcher", "LOCAL");
		extra.put("bucketwarden.retro.launcher.local.log-directory", this.temp.resolve("logs").toString());
		snapshots.forEach((id, dir) -> extra.put("bucketwarden.retro.ebs.local-snapshots." + id, dir.toString()));

		List<String> jobs = new ArrayList<>();
		for (String snapshot : snapshots.keySet()) {
			List<String> args = new ArrayList<>(List.of("start", "--ebs-snapshot", snapshot, "--no-watch"));
			args.addAll(settings(lane, extra));
			Output start = run(args);
			assertThat(start.code).as(start.text).isZero();
			Matcher created = Pattern.compile("Job (retro-\\S+):").matcher(start.text);
			assertThat(created.find()).as(start.text).isTrue();
			jobs.add(created.group(1));
		}

		List<String> ids = List.copyOf(snapshots.keySet());
		Job first = awaitEnd(lane.jobs(), jobs.get(0));
		assertThat(first.state()).as(log(jobs.get(0))).isEqualTo(JobState.DONE);
		assertThat(first.counters().get(Counter.INFECTED)).isEqualTo(1);
		assertThat(first.counters().get(Counter.CLEAN)).isEqualTo(1);
		assertThat(lane.jobs().ledger().files(jobs.get(0))).filteredOn((f) -> f.result().equals("Infected"))
			.extracting(FileResult::path, FileResult::quarantinedTo)
			.containsExactly(tuple("home/user/eicar.com", null));
		assertThat(infected.resolve("eicar.com")).as("a read-only volume: nothing moved").exists();
		assertThat(awaitTags(ids.get(0))).containsEntry("scan-result", "Infected").containsKey("scan-date");

		Job second = awaitEnd(lane.jobs(), jobs.get(1));
		assertThat(second.state()).as(log(jobs.get(1))).isEqualTo(JobState.DONE);
		assertThat(second.counters().get(Counter.CLEAN)).isEqualTo(2);
		assertThat(awaitTags(ids.get(1))).containsEntry("scan-result", "Clean");

		Job third = awaitEnd(lane.jobs(), jobs.get(2));
		assertThat(third.state()).as(log(jobs.get(2))).isEqualTo(JobState.DONE);
		assertThat(third.counters().get(Counter.ERRORS)).isEqualTo(1);
		assertThat(awaitTags(ids.get(2))).containsEntry("scan-result", "Error");
		// The reason is written with the tag, after the walk ended.
		assertThat(lane.jobs().find(jobs.get(2)).orElseThrow().reason()).contains("tagged Error");
	}

	private String log(String jobId) {
		try {
			return Files.readString(this.temp.resolve("logs").resolve("ebs-" + jobId + ".log"));
		}
		catch (IOException ex) {
			return "no log: " + ex;
		}
	}

	private static String volume() {
		return ec2.createVolume((r) -> r.availabilityZone(AwsEmulator.REGION + "a").size(1)).volumeId();
	}

	private static String snapshot() {
		return ec2.createSnapshot((r) -> r.volumeId(volume())).snapshotId();
	}

	/**
	 * The snapshot's tags once it has its result: the scan ends its job before it tags
	 * the snapshot.
	 */
	private static Map<String, String> tags(String snapshotId) {
		return Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> tagsNow(snapshotId), (tags) -> tags.containsKey("scan-result"));
	}

	private static Map<String, String> tagsNow(String snapshotId) {
		Map<String, String> tags = new LinkedHashMap<>();
		ec2.describeSnapshots((r) -> r.snapshotIds(snapshotId))
			.snapshots()
			.getFirst()
			.tags()
			.forEach((tag) -> tags.put(tag.key(), tag.value()));
		return tags;
	}

	/**
	 * The snapshot's tags once it has a result, or as they are after 60 s: the snapshot
	 * is tagged after its job's walk has ended, from the job's final counters.
	 */
	private static Map<String, String> awaitTags(String snapshotId) {
		try {
			return Awaitility.await()
				.atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> tags(snapshotId), (tags) -> tags.containsKey("scan-result"));
		}
		catch (ConditionTimeoutException ex) {
			return tags(snapshotId);
		}
	}

	/** The job once it has ended, or as it is after 120 s. */
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

	private List<String> settings(RetroTestStack.Lane lane, Map<String, String> extra) {
		Map<String, String> settings = new LinkedHashMap<>(this.stack.properties(lane));
		settings.putAll(RetroContexts.testSettings());
		settings.putAll(extra);
		List<String> args = new ArrayList<>();
		settings.forEach((key, value) -> args.add("--" + key + "=" + value));
		return args;
	}

	private static Output run(List<String> args) {
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
		return new Output(code, text);
	}

	private record Output(int code, String text) {
	}

}
