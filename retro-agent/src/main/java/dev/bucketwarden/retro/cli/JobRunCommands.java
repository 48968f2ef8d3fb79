package dev.bucketwarden.retro.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.jobs.Job;
import dev.bucketwarden.jobs.JobState;
import dev.bucketwarden.jobs.JobStore;
import dev.bucketwarden.retro.run.JobRunner;
import dev.bucketwarden.retro.schedule.JobScheduler;
import dev.bucketwarden.retro.schedule.RegionLauncher;
import dev.bucketwarden.retro.schedule.RegionLaunchers;

/**
 * The commands that run jobs created elsewhere: {@code run JOB} (a job the console
 * created) and {@code scheduler} (the jobs of due schedules). A run that fails says why
 * on its job, so that nobody is left to guess why a job stays CRAWLING.
 */
class JobRunCommands {

	private static final Logger logger = LoggerFactory.getLogger(JobRunCommands.class);

	private final JobStore jobs;

	private final JobRunner runner;

	private final JobScheduler scheduler;

	private final Duration schedulerTick;

	private final PrintStream out;

	private final RegionLaunchers regions;

	JobRunCommands(JobStore jobs, JobRunner runner, JobScheduler scheduler, RegionLaunchers regions,
			Duration schedulerTick, PrintStream out) {
		this.jobs = jobs;
		this.regions = regions;
		this.runner = runner;
		this.scheduler = scheduler;
		this.schedulerTick = schedulerTick;
		this.out = out;
	}

	/**
	 * Runs a job whose record someone else created (the console creates the record, then
	 * starts this command locally or as an ECS task): its workers, its crawl, more
	 * workers if the queue asks for them. A crawl alone would leave the job's messages
	 * unscanned.
	 */
	int runCreated(String jobId) {
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

	/** Creates the jobs of due schedules and runs them, until stopped. */
	int scheduler() {
		this.out.println("Scheduler: looking for due schedules every " + this.schedulerTick);
		while (!Thread.currentThread().isInterrupted()) {
			for (JobScheduler.Due due : this.scheduler.due()) {
				start(due);
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
	 * Starts a job a schedule created where its buckets or volume are: here, or with its
	 * region's launcher (a process or task of that region runs it, so nobody here waits).
	 * A job that cannot be started there ends FAILED with the reason: it never ran.
	 */
	void start(JobScheduler.Due due) {
		Job job = due.job();
		try {
			Optional<RegionLauncher> launcher = this.regions.of(due.region());
			if (launcher.isEmpty()) {
				runScheduled(job);
				return;
			}
			String started = launcher.get().launch(job.id());
			logger.info("Scheduled job {} runs in {}: {}", job.id(), due.region(), started);
		}
		catch (RuntimeException ex) {
			String reason = "The scheduled run could not be started: " + ex.getMessage();
			this.jobs.find(job.id())
				.filter((current) -> !current.state().terminal())
				.ifPresent((current) -> this.jobs.transition(job.id(), current.state(), JobState.FAILED, reason));
			logger.error("Job {}: {}", job.id(), reason, ex);
		}
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

}
