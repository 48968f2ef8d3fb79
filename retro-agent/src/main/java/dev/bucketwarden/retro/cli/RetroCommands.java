package dev.bucketwarden.retro.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.bucketwarden.jobs.FileResult;
import dev.bucketwarden.jobs.Job;
import dev.bucketwarden.jobs.JobKind;
import dev.bucketwarden.jobs.JobRequest;
import dev.bucketwarden.jobs.JobSpec;
import dev.bucketwarden.jobs.JobState;
import dev.bucketwarden.jobs.JobStore;
import dev.bucketwarden.jobs.Rescan;
import dev.bucketwarden.retro.JobRunner;
import dev.bucketwarden.retro.crawl.Crawler;
import dev.bucketwarden.retro.schedule.JobScheduler;
import dev.bucketwarden.retro.schedule.ScheduleProperties;
import dev.bucketwarden.retro.worker.RetroWorker;
import dev.bucketwarden.retro.worker.WorkerExit;

/**
 * The commands of the retro agent's jar. Exit codes: 0 done, 1 the job ended otherwise
 * (cancelled, failed), 2 usage.
 */
@Component
public class RetroCommands {

	private static final Logger logger = LoggerFactory.getLogger(RetroCommands.class);

	static final String USAGE = """
			Usage: java -jar retro-agent.jar COMMAND [options] [--stack .local-stack/stack.properties]

			  start --bucket B [--bucket B2 ...] [--prefix P] [--from ISO-INSTANT] [--before ISO-INSTANT]
			        [--all-versions] [--rescan always|signatures-before=ISO-INSTANT] [--workers N] [--no-watch]
			        [--drift-check] [--report-heap]
			                     create a job, start its workers, crawl, and watch it to the end; with
			                     --drift-check compare each object's result tags with its record instead
			                     of scanning, and report (and publish) where they disagree; nothing is
			                     re-tagged or moved
			  start --directory DIR [--quarantine DIR]
			                     scan a mounted volume's directory, moving infected files to quarantine
			  status [JOB]       every job (newest first), or one job with its counters
			  watch JOB          print a job's progress until it ends
			  cancel JOB         stop a job's crawl and its workers
			  crawl JOB          crawl a job, or resume its crawl from the checkpoints
			  run JOB            run a job created elsewhere (the console) as start does: workers, crawl;
			                     again for a job whose crawl stopped (resumes it) or whose scan stalled
			                     (starts workers for its queued objects)
			  worker [--job JOB] scan from the retro queue until the job's crawl is done and the queue idle
			  scheduler          create jobs from the cron schedules (bucketwarden.retro.schedules)

			Settings are Spring properties (--bucketwarden.retro.queue=..., --spring.cloud.aws.region.static=...);
			--stack FILE takes the local stack's addresses.""";

	private final JobStore jobs;

	private final Crawler crawler;

	private final RetroWorker worker;

	private final JobRunner runner;

	private final JobScheduler scheduler;

	private final Duration schedulerTick;

	private final Clock clock;

	private final PrintStream out;

	@Autowired
	RetroCommands(JobStore jobs, Crawler crawler, RetroWorker worker, JobRunner runner, JobScheduler scheduler,
			ScheduleProperties schedules, Clock clock) {
		this(jobs, crawler, worker, runner, scheduler, schedules.tick(), clock, System.out);
	}

	RetroCommands(JobStore jobs, Crawler crawler, RetroWorker worker, JobRunner runner, JobScheduler scheduler,
			Duration schedulerTick, Clock clock, PrintStream out) {
		this.jobs = jobs;
		this.crawler = crawler;
		this.worker = worker;
		this.runner = runner;
		this.scheduler = scheduler;
		this.schedulerTick = schedulerTick;
		this.clock = clock;
		this.out = out;
	}

	public int run(CommandLine line) {
		return switch (line.command()) {
			case "start" -> start(line);
			case "status" -> status(line);
			case "watch" -> watch(single(line), Duration.ofSeconds(1));
			case "cancel" -> cancel(single(line));
			case "run" -> runCreated(single(line));
			case "crawl" -> {
				this.out.println(this.crawler.crawl(single(line)));
				yield 0;
			}
			case "worker" -> {
				WorkerExit exit = this.worker.run(line.option("job"));
				this.out.println("Worker exits: " + exit);
				yield 0;
			}
			case "scheduler" -> scheduler();
			default -> {
				this.out.println(USAGE);
				yield line.command().equals("help") ? 0 : 2;
			}
		};
	}

	private int start(CommandLine line) {
		List<String> buckets = line.all("bucket");
		String directory = line.option("directory");
		if (buckets.isEmpty() == (directory == null)) {
			this.out.println(USAGE);
			return 2;
		}
		JobRequest request = (directory != null) ? JobRequest.directory(directory, line.option("quarantine"), "cli")
				: JobRequest.buckets(buckets, "cli")
					.withAllVersions(line.flag("all-versions"))
					.withKind(line.flag("drift-check") ? JobKind.DRIFT_CHECK : JobKind.SCAN);
		request = request.withPrefix(line.option("prefix"))
			.withWindow(instant(line.option("from")), instant(line.option("before")));
		if (line.option("rescan") != null) {
			request = request.withRescan(rescan(line.option("rescan")));
		}
		JobSpec spec = request.toSpec(this.clock);
		Job job = this.jobs.create(spec);
		this.out.println("Job " + job.id() + ": "
				+ (spec.volume() ? "directory " + spec.directory() : spec.buckets() + " prefix '" + spec.prefix() + "'")
				+ ", LastModified " + spec.modifiedFrom() + " to " + spec.modifiedBefore()
				+ (spec.allVersions() ? ", all versions" : "")
				+ (spec.driftCheck() ? ", drift check" : ", rescan " + spec.rescan().mode()));
		Integer workers = (line.option("workers") != null) ? Integer.valueOf(line.option("workers")) : null;
		Job after = this.runner.run(job, workers, this.out);
		if (line.flag("report-heap")) {
			this.out.println("Heap: " + HeapReport.describe());
		}
		if (spec.volume()) {
			printFiles(job.id());
			Totals.print(after, this.out);
			return (after.state() == JobState.DONE) ? 0 : 1;
		}
		if (line.flag("no-watch")) {
			this.out.println("Watch it with: watch " + job.id());
			return 0;
		}
		return watch(job.id(), Duration.ofSeconds(1));
	}

	/**
	 * Runs a job whose record someone else created (the console creates the record, then
	 * starts this command locally or as an ECS task): its workers, its crawl, more
	 * workers if the queue asks for them. A crawl alone would leave the job's messages
	 * unscanned.
	 */
	private int runCreated(String jobId) {
		Job job = this.jobs.find(jobId).orElse(null);
		if (job == null) {
			this.out.println("No job " + jobId);
			return 2;
		}
		if (job.state() == JobState.SCANNING && !job.spec().volume()) {
			// Crawled; its objects wait on the queue for workers (the console resumes a
			// scan that has made no progress for a while this way).
			this.jobs.workersLaunched(jobId);
			this.runner.resumeWorkers(job, this.out);
			return 0;
		}
		if (job.state() != JobState.CRAWLING) {
			this.out.println("Job " + jobId + " is " + job.state() + ": nothing to run");
			return (job.state() == JobState.DONE) ? 0 : 1;
		}
		if (job.reason() != null) {
			this.out.println("Resuming job " + jobId + " (" + job.reason() + ")");
		}
		Optional<Job> after = runReportingFailure(job, "The run failed");
		after.ifPresent((done) -> this.out.println(done.describe()));
		return after.isPresent() ? 0 : 1;
	}

	/**
	 * Runs the job; if the run throws (S3 refuses the listing, a directory that is not
	 * mounted), says why on the job instead of leaving it CRAWLING with no word for ever.
	 * A bucket job stays CRAWLING with the reason, so running it again resumes its crawl
	 * from the checkpoints and its workers keep scanning what was queued; a directory
	 * job, whose walk queues nothing, ends FAILED.
	 * @return the job after the run, or empty when the run failed
	 */
	private Optional<Job> runReportingFailure(Job job, String what) {
		try {
			return Optional.of(this.runner.run(job, null, this.out));
		}
		catch (RuntimeException ex) {
			String reason = what + ": " + ex.getMessage();
			if (job.spec().volume()) {
				this.jobs.find(job.id())
					.filter((current) -> !current.state().terminal())
					.ifPresent((current) -> this.jobs.transition(job.id(), current.state(), JobState.FAILED, reason));
			}
			else {
				this.jobs.crawlStopped(job.id(), reason + "; run the job again to resume its crawl");
			}
			this.out.println("Job " + job.id() + ": " + reason);
			logger.error("Job {}: {}", job.id(), reason, ex);
			return Optional.empty();
		}
	}

	private void printFiles(String jobId) {
		for (FileResult file : this.jobs.files(jobId)) {
			this.out.printf("  %-12s %s%s%n", file.result(), file.path(),
					((file.reason() != null) ? "  (" + file.reason() + ")" : "")
							+ ((file.quarantinedTo() != null) ? "  -> " + file.quarantinedTo() : ""));
		}
	}

	/** Creates the jobs of due schedules and runs them, until stopped. */
	private int scheduler() {
		this.out.println("Scheduler: looking for due schedules every " + this.schedulerTick);
		while (!Thread.currentThread().isInterrupted()) {
			for (Job job : this.scheduler.tick()) {
				runScheduled(job);
			}
			try {
				Thread.sleep(this.schedulerTick);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		return 0;
	}

	/**
	 * Runs a job a schedule created, in its own thread. Nobody waits for it: a run that
	 * throws says why on the job (see {@link #runReportingFailure}).
	 */
	Thread runScheduled(Job job) {
		return Thread.ofVirtual()
			.name("job-" + job.id())
			.start(() -> runReportingFailure(job, "The scheduled run failed"));
	}

	private int status(CommandLine line) {
		if (line.arguments().isEmpty()) {
			for (Job job : this.jobs.list()) {
				this.out.println(job.describe());
			}
			return 0;
		}
		Optional<Job> job = this.jobs.find(line.arguments().getFirst());
		if (job.isEmpty()) {
			this.out.println("No job " + line.arguments().getFirst());
			return 2;
		}
		if (job.get().spec().volume()) {
			printFiles(job.get().id());
		}
		Totals.print(job.get(), this.out);
		return 0;
	}

	/** Prints the job whenever it changes, then its totals. */
	int watch(String jobId, Duration interval) {
		String last = null;
		while (true) {
			Job job = this.jobs.find(jobId).orElseThrow(() -> new IllegalArgumentException("No job " + jobId));
			String line = job.state() + " " + job.counters().describe();
			if (!line.equals(last)) {
				this.out.println(Instant.now(this.clock) + " " + line);
				last = line;
			}
			if (job.state().terminal()) {
				Totals.print(job, this.out);
				return (job.state() == JobState.DONE) ? 0 : 1;
			}
			try {
				Thread.sleep(interval);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return 1;
			}
		}
	}

	private int cancel(String jobId) {
		boolean cancelled = this.jobs.cancel(jobId, "cancelled from the command line");
		this.out.println(cancelled ? "Cancelled " + jobId : "Job " + jobId + " was not running");
		return cancelled ? 0 : 1;
	}

	private static String single(CommandLine line) {
		if (line.arguments().size() != 1) {
			throw new IllegalArgumentException(line.command() + " takes one job id");
		}
		return line.arguments().getFirst();
	}

	private static Instant instant(String value) {
		return (value != null) ? Instant.parse(value) : null;
	}

	static Rescan rescan(String value) {
		if (value == null) {
			return null;
		}
		if (value.equals("always")) {
			return Rescan.ALWAYS;
		}
		if (value.startsWith("signatures-before=")) {
			return Rescan.signaturesBefore(Instant.parse(value.substring("signatures-before=".length())));
		}
		throw new IllegalArgumentException("--rescan is always or signatures-before=ISO-INSTANT, not " + value);
	}

}
