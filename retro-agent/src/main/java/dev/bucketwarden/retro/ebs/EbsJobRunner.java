package dev.bucketwarden.retro.ebs;

import java.io.PrintStream;
import java.util.List;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.ec2.model.Snapshot;

import dev.bucketwarden.jobs.EbsSource;
import dev.bucketwarden.jobs.Job;
import dev.bucketwarden.jobs.JobStore;

/**
 * Runs an EBS job up to its scan: takes the snapshot of the job's volume (once: a job
 * that has its snapshot uses it), waits for it to complete, and starts the scan of the
 * snapshot ({@code volume-run} in a task or process of its own), which ends the job. A
 * snapshot that cannot be had is a {@link SnapshotException}, which ends the job FAILED
 * (the caller says why on the job).
 *
 * <p>
 * A job of a linked account acts on the snapshot through the account's role (taken,
 * awaited, then shared with the deployment's account, createVolumePermission), so that
 * the scan task runs in the deployment's account unchanged; the scan takes the share back
 * when it has tagged the snapshot ({@link MountedSnapshotScan}), and so does this runner
 * when the scan cannot be started. An encrypted snapshot of a linked account is shared
 * only when its KMS key is one the deployment was given
 * ({@code bucketwarden.retro.ebs.shared-kms-keys}): a volume cannot be made from it
 * otherwise, and the task would fail without a word on the job.
 */
public class EbsJobRunner {

	private final JobStore jobs;

	private final EbsAccounts accounts;

	private final EbsScanLauncher launcher;

	private final EbsProperties properties;

	private final @Nullable String agentRegion;

	/**
	 * @param agentRegion this agent's region: it scans only snapshots of it (EC2 and ECS
	 * are regional; a job of another region is run by that region's retro agent)
	 */
	public EbsJobRunner(JobStore jobs, EbsAccounts accounts, EbsScanLauncher launcher, EbsProperties properties,
			@Nullable String agentRegion) {
		this.jobs = jobs;
		this.accounts = accounts;
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
		Snapshots snapshots = this.accounts.snapshots(ebs.account());
		boolean linked = this.accounts.linked(ebs.account());
		String ownAccount = linked ? this.accounts.ownAccount() : null;
		this.jobs.crawlerAlive(job.id());
		String snapshotId = ebs.snapshotId();
		if (snapshotId == null) {
			snapshotId = snapshots.take(job.id(), ebs.volumeId());
			if (!this.jobs.snapshotTaken(job.id(), snapshotId)) {
				throw new IllegalStateException("Job " + job.id() + " is no longer waiting for its snapshot "
						+ "(cancelled, or another run took one); snapshot " + snapshotId + " is left to delete");
			}
			out.println("Job " + job.id() + ": taking snapshot " + snapshotId + " of " + ebs.volumeId());
		}
		Snapshot completed = snapshots.awaitCompleted(snapshotId, this.properties.snapshotWait(),
				() -> this.jobs.crawlerAlive(job.id()));
		out.println("Job " + job.id() + ": snapshot " + snapshotId + " is completed");
		if (ownAccount != null) {
			String unusable = unusableKey(completed, ebs.account(), ownAccount, this.properties.sharedKmsKeys());
			if (unusable != null) {
				throw new SnapshotException(unusable, null);
			}
			snapshots.share(snapshotId, ownAccount);
			out.println("Job " + job.id() + ": snapshot " + snapshotId + " of account " + ebs.account()
					+ " shared with " + ownAccount);
		}
		String started;
		try {
			started = this.launcher.launch(job.id(), snapshotId);
		}
		catch (RuntimeException ex) {
			if (ownAccount != null) {
				unshareAfterFailure(snapshots, snapshotId, ownAccount, ex);
			}
			throw ex;
		}
		this.jobs.crawlerAlive(job.id());
		out.println("Job " + job.id() + ": scanning snapshot " + snapshotId + " in " + started);
		return this.jobs.find(job.id()).orElseThrow();
	}

	/**
	 * Why a linked account's snapshot cannot be scanned by the deployment's account, or
	 * {@code null} when it can: unencrypted, or encrypted with a key the deployment was
	 * given.
	 */
	static @Nullable String unusableKey(Snapshot snapshot, @Nullable String account, String ownAccount,
			List<String> sharedKeys) {
		if (!Boolean.TRUE.equals(snapshot.encrypted())) {
			return null;
		}
		String key = snapshot.kmsKeyId();
		if (key != null && sharedKeys.contains(key)) {
			return null;
		}
		return "Snapshot " + snapshot.snapshotId() + " of account " + account + " is encrypted with KMS key " + key
				+ ": the deployment's account " + ownAccount + " can make a volume of it only with that key shared "
				+ "(a customer managed key whose policy lets account " + ownAccount
				+ " and the ECS infrastructure role use it; the AWS managed key aws/ebs cannot be shared). "
				+ "Once it is, add the key's ARN to bucketwarden.retro.ebs.shared-kms-keys";
	}

	private static void unshareAfterFailure(Snapshots snapshots, String snapshotId, String ownAccount,
			RuntimeException failure) {
		try {
			snapshots.unshare(snapshotId, ownAccount);
		}
		catch (SnapshotException ex) {
			failure.addSuppressed(ex);
		}
	}

}
