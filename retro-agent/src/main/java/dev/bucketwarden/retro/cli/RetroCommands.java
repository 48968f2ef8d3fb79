package dev.bucketwarden.retro.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.bucketwarden.jobs.EbsSource;
import dev.bucketwarden.jobs.FileResult;
import dev.bucketwarden.jobs.Job;
import dev.bucketwarden.jobs.JobKind;
import dev.bucketwarden.jobs.JobRequest;
import dev.bucketwarden.jobs.JobSpec;
import dev.bucketwarden.jobs.JobState;
import dev.bucketwarden.jobs.JobStore;
import dev.bucketwarden.retro.crawl.Crawler;
import dev.bucketwarden.retro.ebs.MountedSnapshotScan;
import dev.bucketwarden.retro.ebs.Snapshots;
import dev.bucketwarden.retro.run.JobRunner;
import dev.bucketwarden.retro.schedule.JobScheduler;
import dev.bucketwarden.retro.schedule.RegionLaunchers;
import dev.bucketwarden.retro.schedule.ScheduleProperties;
import dev.bucketwarden.retro.worker.RetroWorker;
import dev.bucketwarden.retro.worker.WorkerExit;

/**
 * The commands of the retro agent's jar. Exit codes: 0 done, 1 the job ended otherwise
 * (cancelled, failed), 2 usage.
 */
@Component
public class RetroCommands {

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
			  start --ebs-volume vol-... | --ebs-snapshot snap-... [--region R] [--account A] [--no-watch]
			                     scan an EBS snapshot (of the volume, taken first) in a task that mounts a
			                     volume made from it; the snapshot is tagged scan-result and scan-date
			  volume-run --job JOB --directory DIR
			                     scan an EBS job's snapshot mounted at DIR, then tag the snapshot
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

	private final JobRunCommands runs;

	private final MountedSnapshotScan mounted;

	private final Clock clock;

	private final PrintStream out;

	@Autowired
	RetroCommands(JobStore jobs, Crawler crawler, RetroWorker worker, JobRunner runner, JobScheduler scheduler,
			RegionLaunchers regions, ScheduleProperties schedules, MountedSnapshotScan mounted, Clock clock) {
		this(jobs, crawler, worker, runner, scheduler, regions, schedules.tick(), mounted, clock, System.out);
	}

	RetroCommands(JobStore jobs, Crawler crawler, RetroWorker worker, JobRunner runner, JobScheduler scheduler,
			RegionLaunchers regions, Duration schedulerTick, MountedSnapshotScan mounted, Clock clock,
			PrintStream out) {
		this.jobs = jobs;
		this.crawler = crawler;
		this.worker = worker;
		this.runner = runner;
		this.mounted = mounted;
		this.runs = new JobRunCommands(jobs, runner, scheduler, regions, schedulerTick, out);
		this.clock = clock;
		this.out = out;
	}

	public int run(CommandLine line) {
		return switch (line.command()) {
			case "start" -> start(line);
			case "status" -> status(line);
			case "watch" -> watch(single(line), Duration.ofSeconds(1));
			case "cancel" -> cancel(single(line));
			case "run" -> this.runs.runCreated(single(line));
			case "crawl" -> {
				this.out.println(this.crawler.crawl(single(line)));
				yield 0;
			}
			case "worker" -> {
				WorkerExit exit = this.worker.run(line.option("job"));
				this.out.println("Worker exits: " + exit);
				yield 0;
			}
			case "scheduler" -> this.runs.scheduler();
			case "volume-run" -> volumeRun(line);
			default -> {
				this.out.println(USAGE);
				yield line.command().equals("help") ? 0 : 2;
			}
		};
	}

	private int start(CommandLine line) {
		List<String> buckets = line.all("bucket");
		String directory = line.option("directory");
		EbsSource ebs = ebsSource(line);
		int sources = (buckets.isEmpty() ? 0 : 1) + ((directory != null) ? 1 : 0) + ((ebs != null) ? 1 : 0);
		if (sources != 1) {
			this.out.println(USAGE);
			return 2;
		}
		if (ebs != null) {
			return startEbs(ebs, line);
		}
		JobRequest request = (directory != null) ? JobRequest.directory(directory, line.option("quarantine"), "cli")
				: JobRequest.buckets(buckets, "cli")
					.withAllVersions(line.flag("all-versions"))
					.withKind(line.flag("drift-check") ? JobKind.DRIFT_CHECK : JobKind.SCAN);
		request = StartOptions.withWindowAndRescan(request, line);
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

	private static EbsSource ebsSource(CommandLine line) {
		String volume = line.option("ebs-volume");
		String snapshot = line.option("ebs-snapshot");
		if (volume == null && snapshot == null) {
			return null;
		}
		return new EbsSource(snapshot, (snapshot == null) ? volume : null, null, null).in(line.option("region"),
				line.option("account"));
	}

	/**
	 * An EBS job: its snapshot (taken of the volume), the task that scans it, and, unless
	 * {@code --no-watch}, its progress until it ends.
	 */
	private int startEbs(EbsSource ebs, CommandLine line) {
		Job job = this.jobs.create(JobSpec.ebs(ebs, "cli"));
		this.out.println("Job " + job.id() + ": EBS " + ebs.describe());
		try {
			this.runner.run(job, null, this.out);
		}
		catch (RuntimeException ex) {
			String reason = "The EBS job could not start its scan: " + ex.getMessage();
			this.jobs.find(job.id())
				.filter((current) -> !current.state().terminal())
				.ifPresent((current) -> this.jobs.transition(job.id(), current.state(), JobState.FAILED, reason));
			this.out.println("Job " + job.id() + ": " + reason);
			return 1;
		}
		if (line.flag("no-watch")) {
			this.out.println("Watch it with: watch " + job.id());
			return 0;
		}
		int code = watch(job.id(), Duration.ofSeconds(1));
		printFiles(job.id());
		return code;
	}

	/** Scans an EBS job's snapshot mounted at the directory and tags the snapshot. */
	private int volumeRun(CommandLine line) {
		String jobId = line.option("job");
		String directory = line.option("directory");
		if (jobId == null || directory == null) {
			this.out.println(USAGE);
			return 2;
		}
		MountedSnapshotScan.Scanned scanned = this.mounted.scan(jobId, Path.of(directory));
		printFiles(jobId);
		Totals.print(scanned.job(), this.out);
		this.out.println("Snapshot " + scanned.job().spec().ebs().snapshotId() + ": "
				+ ((scanned.result() != null) ? Snapshots.RESULT_TAG + "=" + scanned.result().label()
						: "not scanned (the job is " + scanned.job().state() + ")"));
		return (scanned.job().state() == JobState.DONE && scanned.result() != null) ? 0 : 1;
	}

	private void printFiles(String jobId) {
		for (FileResult file : this.jobs.ledger().files(jobId)) {
			this.out.printf("  %-12s %s%s%n", file.result(), file.path(),
					((file.reason() != null) ? "  (" + file.reason() + ")" : "")
							+ ((file.quarantinedTo() != null) ? "  -> " + file.quarantinedTo() : ""));
		}
	}

	/** Runs a job a schedule created, in its own thread (see {@link JobRunCommands}). */
	Thread runScheduled(Job job) {
		return this.runs.runScheduled(job);
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

}
