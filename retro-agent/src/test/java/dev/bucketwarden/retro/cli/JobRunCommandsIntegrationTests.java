package dev.bucketwarden.retro.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import dev.bucketwarden.jobs.Counter;
import dev.bucketwarden.jobs.Job;
import dev.bucketwarden.jobs.JobRequest;
import dev.bucketwarden.jobs.JobState;
import dev.bucketwarden.jobs.JobStore;
import dev.bucketwarden.jobs.launch.EcsTaskSettings;
import dev.bucketwarden.retro.RetroAgentApplication;
import dev.bucketwarden.retro.RetroContexts;
import dev.bucketwarden.retro.RetroTestStack;
import dev.bucketwarden.retro.schedule.JobScheduler;
import dev.bucketwarden.retro.schedule.RegionLaunchers;
import dev.bucketwarden.retro.schedule.ScheduleProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the scheduler starts a due job, against the jobs table on DynamoDB Local: a job
 * of a further region with that region's launcher (not here), a job of a region it has no
 * settings of ends FAILED with the reason, and a launcher that fails says so on the job.
 */
class JobRunCommandsIntegrationTests {

	private final RetroTestStack stack = RetroTestStack.get();

	@Test
	void shouldStartAJobOfAFurtherRegionWithThatRegionsLauncher() {
		RetroTestStack.Lane lane = this.stack.lane("regions");
		JobStore jobs = new JobStore(this.stack.dynamo, lane.jobsTable(), java.time.Clock.systemUTC());
		List<String> west = new ArrayList<>();
		List<String> north = new ArrayList<>();
		RegionLaunchers regions = new RegionLaunchers("us-east-1", Map.of("us-west-2", (jobId) -> {
			west.add(jobId);
			return "west task";
		}, "eu-north-1", (jobId) -> {
			north.add(jobId);
			return "north task";
		}));
		// No runner: a job started here would fail on it, so none may be.
		JobRunCommands commands = new JobRunCommands(jobs, null, null, regions, Duration.ofSeconds(30),
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
		Job job = create(jobs, "west-bucket");

		commands.start(new JobScheduler.Due(job, "us-west-2"));

		assertThat(west).containsExactly(job.id());
		assertThat(north).isEmpty();
		assertThat(jobs.find(job.id()).orElseThrow().state()).as("left to the region's run")
			.isEqualTo(JobState.CRAWLING);
	}

	@Test
	void shouldFailAJobOfARegionWithoutSettingsOrWhoseLauncherFails() {
		RetroTestStack.Lane lane = this.stack.lane("regions-failed");
		JobStore jobs = new JobStore(this.stack.dynamo, lane.jobsTable(), java.time.Clock.systemUTC());
		RegionLaunchers regions = new RegionLaunchers("us-east-1", Map.of("us-west-2", (jobId) -> {
			throw new IllegalStateException("ECS did not start the retro agent in us-west-2: [RESOURCE:CPU]");
		}));
		JobRunCommands commands = new JobRunCommands(jobs, null, null, regions, Duration.ofSeconds(30),
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
		Job unknown = create(jobs, "central-bucket");
		Job refused = create(jobs, "west-bucket");

		commands.start(new JobScheduler.Due(unknown, "eu-central-1"));
		commands.start(new JobScheduler.Due(refused, "us-west-2"));

		Job failed = jobs.find(unknown.id()).orElseThrow();
		assertThat(failed.state()).isEqualTo(JobState.FAILED);
		assertThat(failed.reason()).contains("no settings of region eu-central-1", "bucketwarden.retro.regions");
		Job notStarted = jobs.find(refused.id()).orElseThrow();
		assertThat(notStarted.state()).isEqualTo(JobState.FAILED);
		assertThat(notStarted.reason()).contains("could not be started", "RESOURCE:CPU");
	}

	/**
	 * The local launcher of a second region, for real: the scheduler's {@code run JOB}
	 * process runs with that region's retro queue (another queue of the local stack) and
	 * name, and its worker scans every object, recorded as scanned in that region.
	 */
	@Test
	void shouldRunAJobOfASecondRegionWithItsQueueAndNameAsALocalProcess(@TempDir Path logs) {
		RetroTestStack.Lane lane = this.stack.lane("regions-local");
		RetroTestStack.Lane west = this.stack.lane("regions-local-west");
		String bucket = "west-scheduled-" + System.nanoTime();
		this.stack.s3.createBucket((r) -> r.bucket(bucket));
		for (int i = 0; i < 3; i++) {
			int n = i;
			this.stack.s3.putObject((r) -> r.bucket(bucket).key("file-" + n + ".txt"), RequestBody.fromString("f" + n));
		}
		Map<String, String> settings = new LinkedHashMap<>(this.stack.properties(lane));
		settings.putAll(RetroContexts.testSettings());
		settings.put("bucketwarden.retro.launcher.type", "LOCAL");
		settings.put("bucketwarden.retro.launcher.local.log-directory", logs.toString());
		List<String> inherited = new ArrayList<>();
		settings.forEach((key, value) -> inherited.add("--" + key + "=" + value));
		ScheduleProperties.Region region = new ScheduleProperties.Region("us-west-2", west.queueUrl(), null,
				new EcsTaskSettings(null, null, "retro-agent", List.of(), List.of(), false, "LATEST", null));
		RegionLaunchers regions = new RegionLaunchers("us-east-1", Map.of("us-west-2",
				RegionLaunchers.local(region, "256m", inherited, logs.toString(), RetroAgentApplication.class)));
		JobRunCommands commands = new JobRunCommands(lane.jobs(), null, null, regions, Duration.ofSeconds(30),
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
		Job job = create(lane.jobs(), bucket);

		commands.start(new JobScheduler.Due(job, "us-west-2"));

		Job done = Awaitility.await()
			.atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> lane.jobs().find(job.id()).orElseThrow(), (current) -> current.state().terminal());
		assertThat(done.state()).as(done.describe()).isEqualTo(JobState.DONE);
		assertThat(done.counters().get(Counter.CLEAN)).isEqualTo(3);
		List<Map<String, AttributeValue>> records = this.stack.dynamo
			.scan((request) -> request.tableName(lane.resultsTable()))
			.items()
			.stream()
			.filter((item) -> item.containsKey("bucket") && bucket.equals(item.get("bucket").s()))
			.toList();
		assertThat(records).hasSize(3)
			.allSatisfy((item) -> assertThat(item.get("region").s()).as("scanned in the job's region")
				.isEqualTo("us-west-2"));
		assertThat(this.stack.sqs
			.getQueueAttributes((request) -> request.queueUrl(lane.queueUrl())
				.attributeNamesWithStrings("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
			.attributesAsStrings()
			.values()).as("nothing went through the scheduler's own region's queue").containsOnly("0");
	}

	private static Job create(JobStore jobs, String bucket) {
		return jobs.create(JobRequest.buckets(List.of(bucket), "schedule:test").toSpec(java.time.Clock.systemUTC()));
	}

}
