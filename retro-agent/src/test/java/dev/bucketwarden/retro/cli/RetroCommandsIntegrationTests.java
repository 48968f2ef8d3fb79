package dev.bucketwarden.retro.cli;

import java.io.ByteArrayOutputStream;
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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

import org.springframework.context.ConfigurableApplicationContext;

import dev.bucketwarden.jobs.Counter;
import dev.bucketwarden.jobs.Job;
import dev.bucketwarden.jobs.JobRequest;
import dev.bucketwarden.jobs.JobState;
import dev.bucketwarden.jobs.JobStore;
import dev.bucketwarden.local.samples.Samples;
import dev.bucketwarden.retro.RetroAgentApplication;
import dev.bucketwarden.retro.RetroContexts;
import dev.bucketwarden.retro.RetroTestStack;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar's command line as a user runs it: {@code start} creates the job, starts a local
 * worker process, crawls, watches to the end and prints the totals; {@code status} and
 * {@code cancel} answer about it; a directory job lists its files.
 */
class RetroCommandsIntegrationTests {

	private final RetroTestStack stack = RetroTestStack.get();

	@TempDir
	Path temp;

	@Test
	void shouldStartWatchAndReportABucketJob() throws Exception {
		RetroTestStack.Lane lane = this.stack.lane("cli");
		String bucket = "cli-" + System.nanoTime();
		this.stack.s3.createBucket((r) -> r.bucket(bucket));
		for (int i = 0; i < 12; i++) {
			int n = i;
			this.stack.s3.putObject((r) -> r.bucket(bucket).key("old/file-" + n + ".txt"),
					RequestBody.fromString("file " + n));
		}
		this.stack.s3.putObject((r) -> r.bucket(bucket).key("old/eicar.com"), RequestBody.fromBytes(Samples.eicar()));
		List<String> args = new ArrayList<>(List.of("start", "--bucket", bucket, "--workers", "1"));
		args.addAll(settings(lane, Map.of("bucketwarden.retro.launcher.type", "LOCAL",
				"bucketwarden.retro.launcher.local.log-directory", this.temp.toString())));

		Output start = run(args);

		assertThat(start.code).as(start.text).isZero();
		assertThat(start.text).contains("Started 1 workers",
				"DONE listed=13 matched=13 queued=13 scanned=13 clean=12 infected=1", "results add up: yes");
		java.util.regex.Matcher created = java.util.regex.Pattern.compile("Job (retro-\\S+):").matcher(start.text);
		assertThat(created.find()).isTrue();
		String jobId = created.group(1);
		List<String> status = new ArrayList<>(List.of("status", jobId));
		status.addAll(settings(lane, Map.of()));
		assertThat(run(status).text).contains("Job " + jobId + " DONE").contains("infected     1");
		List<String> cancel = new ArrayList<>(List.of("cancel", jobId));
		cancel.addAll(settings(lane, Map.of()));
		Output cancelled = run(cancel);
		assertThat(cancelled.code).isEqualTo(1);
		assertThat(cancelled.text).contains("was not running");
	}

	@Test
	void shouldRunAJobThatTheConsoleCreated() throws Exception {
		RetroTestStack.Lane lane = this.stack.lane("cli-run");
		String bucket = "cli-run-" + System.nanoTime();
		this.stack.s3.createBucket((r) -> r.bucket(bucket));
		for (int i = 0; i < 3; i++) {
			int n = i;
			this.stack.s3.putObject((r) -> r.bucket(bucket).key("file-" + n + ".txt"), RequestBody.fromString("f" + n));
		}
		JobStore jobs = new JobStore(this.stack.dynamo, lane.jobsTable(), Clock.systemUTC());
		Job created = jobs.create(JobRequest.buckets(List.of(bucket), "console:admin").toSpec(Clock.systemUTC()));
		List<String> args = new ArrayList<>(List.of("run", created.id()));
		args.addAll(settings(lane, Map.of("bucketwarden.retro.launcher.type", "LOCAL",
				"bucketwarden.retro.launcher.local.log-directory", this.temp.toString())));

		Output run = run(args);

		assertThat(run.code).as(run.text).isZero();
		assertThat(run.text).contains("Started 1 workers");
		Job after = awaitEnd(jobs, created.id());
		assertThat(after.state()).as(after.describe()).isEqualTo(JobState.DONE);
		assertThat(after.counters().get(Counter.CLEAN)).isEqualTo(3);
		assertThat(after.crawlerSeenAt()).as("its crawler said it was alive").isNotNull();
		List<String> again = new ArrayList<>(List.of("run", created.id()));
		again.addAll(settings(lane, Map.of()));
		assertThat(run(again).text).contains("is DONE: nothing to run");
	}

	@Test
	void shouldSayWhyACrawlStoppedAndResumeItWhenRunAgain() throws Exception {
		RetroTestStack.Lane lane = this.stack.lane("cli-resume");
		// The console created the job; the bucket is not there yet, so S3 refuses the
		// listing.
		String bucket = "cli-resume-" + System.nanoTime();
		JobStore jobs = new JobStore(this.stack.dynamo, lane.jobsTable(), Clock.systemUTC());
		// Its window ends later, so objects put before the resumed run are in it.
		Job created = jobs.create(JobRequest.buckets(List.of(bucket), "console:admin")
			.withWindow(null, java.time.Instant.now().plus(Duration.ofHours(1)))
			.toSpec(Clock.systemUTC()));
		List<String> args = new ArrayList<>(List.of("run", created.id()));
		args.addAll(settings(lane, Map.of("bucketwarden.retro.launcher.type", "LOCAL",
				"bucketwarden.retro.launcher.local.log-directory", this.temp.toString())));

		Output failed = run(args);

		assertThat(failed.code).as(failed.text).isEqualTo(1);
		Job stopped = jobs.find(created.id()).orElseThrow();
		assertThat(stopped.state()).as("resumable, and its workers keep what was queued").isEqualTo(JobState.CRAWLING);
		assertThat(stopped.reason()).startsWith("The run failed: ").endsWith("run the job again to resume its crawl");
		assertThat(failed.text).contains("Job " + created.id() + ": The run failed: ");

		this.stack.s3.createBucket((r) -> r.bucket(bucket));
		for (int i = 0; i < 3; i++) {
			int n = i;
			this.stack.s3.putObject((r) -> r.bucket(bucket).key("file-" + n + ".txt"), RequestBody.fromString("f" + n));
		}
		Output resumed = run(args);

		assertThat(resumed.code).as(resumed.text).isZero();
		assertThat(resumed.text).contains("Resuming job " + created.id() + " (The run failed: ");
		Job after = awaitEnd(jobs, created.id());
		assertThat(after.state()).as(after.describe()).isEqualTo(JobState.DONE);
		assertThat(after.counters().get(Counter.CLEAN)).isEqualTo(3);
		assertThat(after.reason()).as("the note of the stopped crawl is gone").isNull();
	}

	@Test
	void shouldStartWorkersForAScanningJobWhoseWorkersAreGone() throws Exception {
		RetroTestStack.Lane lane = this.stack.lane("cli-stalled");
		String bucket = "cli-stalled-" + System.nanoTime();
		this.stack.s3.createBucket((r) -> r.bucket(bucket));
		for (int i = 0; i < 5; i++) {
			int n = i;
			this.stack.s3.putObject((r) -> r.bucket(bucket).key("file-" + n + ".txt"), RequestBody.fromString("f" + n));
		}
		JobStore jobs = new JobStore(this.stack.dynamo, lane.jobsTable(), Clock.systemUTC());
		Job created = jobs.create(JobRequest.buckets(List.of(bucket), "console:admin").toSpec(Clock.systemUTC()));
		// Crawled with no worker alive: the objects wait on the queue, the job is
		// SCANNING.
		List<String> crawl = new ArrayList<>(List.of("crawl", created.id()));
		crawl.addAll(settings(lane, Map.of()));
		assertThat(run(crawl).code).isZero();
		Job waiting = jobs.find(created.id()).orElseThrow();
		assertThat(waiting.state()).isEqualTo(JobState.SCANNING);
		assertThat(waiting.progressAt()).as("no result yet").isNull();
		List<String> args = new ArrayList<>(List.of("run", created.id()));
		args.addAll(settings(lane, Map.of("bucketwarden.retro.launcher.type", "LOCAL",
				"bucketwarden.retro.launcher.local.log-directory", this.temp.toString())));

		Output resumed = run(args);

		assertThat(resumed.code).as(resumed.text).isZero();
		assertThat(resumed.text).contains("for the queued objects of job " + created.id());
		Job after = awaitEnd(jobs, created.id());
		assertThat(after.state()).as(after.describe()).isEqualTo(JobState.DONE);
		assertThat(after.counters().get(Counter.CLEAN)).isEqualTo(5);
		assertThat(after.progressAt()).as("results move it on").isAfter(waiting.updatedAt());
	}

	@Test
	void shouldScanADirectoryAndListItsFiles() throws Exception {
		RetroTestStack.Lane lane = this.stack.lane("cli-volume");
		Path volume = Files.createDirectories(this.temp.resolve("fsx/share"));
		Files.writeString(volume.resolve("notes.txt"), "notes");
		Files.write(volume.resolve("eicar.com"), Samples.eicar());
		List<String> args = new ArrayList<>(List.of("start", "--directory", volume.toString(), "--quarantine",
				this.temp.resolve("quarantine").toString()));
		args.addAll(settings(lane, Map.of()));

		Output start = run(args);

		assertThat(start.code).as(start.text).isZero();
		assertThat(start.text).contains("Clean        notes.txt", "Infected     eicar.com", "results add up: yes");
		assertThat(this.temp.resolve("quarantine/eicar.com")).exists();
	}

	/** The job once it has ended, or as it is after 60 s. */
	private static Job awaitEnd(JobStore jobs, String id) throws InterruptedException {
		Job job = jobs.find(id).orElseThrow();
		for (int i = 0; i < 600 && !job.state().terminal(); i++) {
			Thread.sleep(100);
			job = jobs.find(id).orElseThrow();
		}
		return job;
	}

	private List<String> settings(RetroTestStack.Lane lane, Map<String, String> extra) {
		Map<String, String> settings = new LinkedHashMap<>(this.stack.properties(lane));
		settings.putAll(RetroContexts.testSettings());
		settings.putAll(extra);
		List<String> args = new ArrayList<>();
		settings.forEach((key, value) -> args.add("--" + key + "=" + value));
		return args;
	}

	@Test
	void shouldFailAScheduledJobWhoseRunThrowsInsteadOfLeavingItRunning() throws Exception {
		RetroTestStack.Lane lane = this.stack.lane("cli-scheduled");
		// A directory schedule where nothing is mounted: the walk cannot start.
		String missing = this.temp.resolve("not-mounted").toString();
		Job job = lane.jobs().create(JobRequest.directory(missing, null, "schedule:nightly").toSpec(Clock.systemUTC()));
		try (ConfigurableApplicationContext context = RetroContexts.start(lane, Map.of())) {
			Thread run = context.getBean(RetroCommands.class).runScheduled(job);
			assertThat(run.join(Duration.ofSeconds(60))).as("the scheduled run ended").isTrue();
		}
		Job after = lane.jobs().find(job.id()).orElseThrow();
		assertThat(after.state()).isEqualTo(JobState.FAILED);
		assertThat(after.reason()).startsWith("The scheduled run failed: ").contains("not-mounted");
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
