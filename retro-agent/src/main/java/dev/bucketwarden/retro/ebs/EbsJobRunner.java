package dev.bucketwarden.retro.ebs;

import java.io.PrintStream;

import org.jspecify.annotations.Nullable;

import dev.bucketwarden.jobs.EbsSource;
import dev.bucketwarden.jobs.Job;
import dev.bucketwarden.jobs.JobStore;

/**
 * Runs an EBS job up to its scan: takes the snapshot of the job's volume (once: a job
 * that has its snapshot uses it), waits for it to complete, and starts the scan of the
 * snapshot ({@code volume-run} in a task or process of its own), which ends the job. A
 * snapshot that cannot be had is a {@link SnapshotException}, which ends the job FAILED
 * (the caller says why on the job).
 */
public class EbsJobRunner {

	private final JobStore jobs;

	private final Snapshots snapshots;

	private final EbsScanLauncher launcher;

	private final EbsProperties properties;

	private final @Nullable String agentRegion;

	/**
	 * @param agentRegion this agent's region: it scans only snapshots of it (EC2 and ECS
	 * are regional; a job of another region is run by that region's retro agent)
	 */
	public EbsJobRunner(JobStore jobs, Snapshots snapshots, EbsScanLauncher launcher, EbsProperties properties,
			@Nullable String agentRegion) {
		this.jobs = jobs;
		this.snapshots = snapshots;
		this.launcher = launcher;
		this.properties = properties;
		this.agentRegion = agentRegion;
	}

	/** Returns the job once its scan has started. */
	public Job run(Job job, PrintStream out) {
		EbsSource ebs = job.spec().ebs();
		if (ebs == null) {
			throw new IllegalArgumentException("Job " + job.id() + " is not an EBS job");
		}
		if (ebs.region() != null && this.agentRegion != null && !ebs.region().equals(this.agentRegion)) {
			throw new IllegalStateException("Job " + job.id() + " scans a snapshot of region " + ebs.region()
					+ ": it is run by that region's retro agent, not this one of " + this.agentRegion);
		}
		if (ebs.account() != null) {
			throw new IllegalStateException("Job " + job.id() + " scans a snapshot of account " + ebs.account()
					+ ": EBS scans of linked accounts are not supported yet");
		}
		this.jobs.crawlerAlive(job.id());
		String snapshotId = ebs.snapshotId();
		if (snapshotId == null) {
			snapshotId = this.snapshots.take(job.id(), ebs.volumeId());
			if (!this.jobs.snapshotTaken(job.id(), snapshotId)) {
				throw new IllegalStateException("Job " + job.id() + " is no longer waiting for its snapshot "
						+ "(cancelled, or another run took one); snapshot " + snapshotId + " is left to delete");
			}
			out.println("Job " + job.id() + ": taking snapshot " + snapshotId + " of " + ebs.volumeId());
		}
		this.snapshots.awaitCompleted(snapshotId, this.properties.snapshotWait(),
				() -> this.jobs.crawlerAlive(job.id()));
		out.println("Job " + job.id() + ": snapshot " + snapshotId + " is completed");
		String started = this.launcher.launch(job.id(), snapshotId);
		this.jobs.crawlerAlive(job.id());
		out.println("Job " + job.id() + ": scanning snapshot " + snapshotId + " in " + started);
		return this.jobs.find(job.id()).orElseThrow();
	}

}
