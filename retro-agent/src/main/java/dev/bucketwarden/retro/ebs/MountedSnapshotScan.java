package dev.bucketwarden.retro.ebs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.jobs.EbsSource;
import dev.bucketwarden.jobs.Job;
import dev.bucketwarden.jobs.JobState;
import dev.bucketwarden.jobs.JobStore;
import dev.bucketwarden.retro.volume.VolumeScanner;
import dev.bucketwarden.store.results.ResultStatus;

/**
 * {@code volume-run}: scans the file system of an EBS job's snapshot where it is mounted
 * (read-only: nothing is moved; infected files are listed with their paths in the job),
 * then tags the snapshot with the one result of {@link SnapshotVerdict} and when. A walk
 * that cannot start or breaks ends the job FAILED and the snapshot tagged Error: a
 * snapshot is never left tagged Clean by a scan that did not go through. A linked
 * account's snapshot is tagged through the account's role, and its share with the
 * deployment's account is then removed.
 */
public class MountedSnapshotScan {

	private static final Logger logger = LoggerFactory.getLogger(MountedSnapshotScan.class);

	private final JobStore jobs;

	private final VolumeScanner volumes;

	private final EbsAccounts accounts;

	private final Clock clock;

	public MountedSnapshotScan(JobStore jobs, VolumeScanner volumes, EbsAccounts accounts, Clock clock) {
		this.jobs = jobs;
		this.volumes = volumes;
		this.accounts = accounts;
		this.clock = clock;
	}

	/**
	 * Scans the mounted snapshot of the job.
	 * @return the job as it ends and the snapshot's result, or an empty result when the
	 * job was not waiting for its scan (another run scanned or cancelled it: its tag
	 * stands)
	 */
	public Scanned scan(String jobId, Path directory) {
		Job job = this.jobs.find(jobId).orElseThrow(() -> new IllegalArgumentException("No job " + jobId));
		EbsSource ebs = job.spec().ebs();
		if (ebs == null || ebs.snapshotId() == null) {
			throw new IllegalArgumentException("Job " + jobId + " is not an EBS job with a snapshot");
		}
		String snapshotId = ebs.snapshotId();
		if (job.state() != JobState.CRAWLING) {
			logger.warn("Job {} is {}: snapshot {} is not scanned again", jobId, job.state(), snapshotId);
			return new Scanned(job, null);
		}
		VolumeScanner.Walked walked;
		try {
			walked = this.volumes.walk(jobId, directory);
		}
		catch (IOException | RuntimeException ex) {
			String reason = "The scan of snapshot " + snapshotId + " at " + directory + " failed: " + ex;
			logger.error("Job {}: {}", jobId, reason, ex);
			this.jobs.find(jobId)
				.filter((current) -> !current.state().terminal())
				.ifPresent((current) -> this.jobs.transition(jobId, current.state(), JobState.FAILED, reason));
			tag(jobId, ebs, ResultStatus.ERROR);
			return new Scanned(this.jobs.find(jobId).orElseThrow(), ResultStatus.ERROR);
		}
		ResultStatus result = SnapshotVerdict.of(walked);
		if (result == ResultStatus.ERROR && walked.job().state() == JobState.DONE) {
			// Every file has its result, yet the snapshot is not Clean: the job says why.
			this.jobs.transition(jobId, JobState.DONE, JobState.DONE,
					"Snapshot " + snapshotId + " tagged Error: " + SnapshotVerdict.whyError(walked));
		}
		tag(jobId, ebs, result);
		return new Scanned(this.jobs.find(jobId).orElseThrow(), result);
	}

	/**
	 * Tags the snapshot where it is (a linked account's through its role), and takes back
	 * the share of a linked account's snapshot, also when tagging failed: the
	 * deployment's account needs it no longer.
	 */
	private void tag(String jobId, EbsSource ebs, ResultStatus result) {
		String snapshotId = ebs.snapshotId();
		Snapshots snapshots = this.accounts.snapshots(ebs.account());
		try {
			snapshots.tagResult(snapshotId, result, this.clock.instant());
			logger.info("Job {}: snapshot {} tagged {}={}", jobId, snapshotId, Snapshots.RESULT_TAG, result.label());
		}
		finally {
			if (this.accounts.linked(ebs.account())) {
				snapshots.unshare(snapshotId, this.accounts.ownAccount());
				logger.info("Job {}: snapshot {} of account {} no longer shared", jobId, snapshotId, ebs.account());
			}
		}
	}

	/**
	 * A scan's end.
	 *
	 * @param job the job as it ended
	 * @param result what the snapshot was tagged, or {@code null} when it was not scanned
	 */
	public record Scanned(Job job, @Nullable ResultStatus result) {
	}

}
