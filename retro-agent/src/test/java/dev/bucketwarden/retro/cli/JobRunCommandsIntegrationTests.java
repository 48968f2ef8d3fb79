package dev.bucketwarden.retro.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.jobs.Job;
import dev.bucketwarden.jobs.JobRequest;
import dev.bucketwarden.jobs.JobState;
import dev.bucketwarden.jobs.JobStore;
import dev.bucketwarden.retro.RetroTestStack;
import dev.bucketwarden.retro.schedule.JobScheduler;
import dev.bucketwarden.retro.schedule.RegionLaunchers;

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

	private static Job create(JobStore jobs, String bucket) {
		return jobs.create(JobRequest.buckets(List.of(bucket), "schedule:test").toSpec(java.time.Clock.systemUTC()));
	}

}
