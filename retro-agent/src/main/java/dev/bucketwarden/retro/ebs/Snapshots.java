package dev.bucketwarden.retro.ebs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotRequest;
import software.amazon.awssdk.services.ec2.model.CreateTagsRequest;
import software.amazon.awssdk.services.ec2.model.ModifySnapshotAttributeRequest;
import software.amazon.awssdk.services.ec2.model.OperationType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.SnapshotAttributeName;
import software.amazon.awssdk.services.ec2.model.SnapshotState;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import dev.bucketwarden.store.results.ResultStatus;

/**
 * The EC2 side of an EBS job: takes a snapshot of a volume (tagged with the job, so that
 * EC2 and the bill show why it exists), waits for it to complete, and tags a scanned
 * snapshot with the result. Waiting is bounded: polls back off from one second to
 * fifteen, and a snapshot not completed within the wait, or in state {@code error}, is a
 * {@link SnapshotException}.
 */
public class Snapshots {

	/** The tag naming the job on what the job made (a snapshot, the scan's volume). */
	public static final String JOB_TAG = "bucketwarden:retro-job";

	/** The snapshot's tag with the scan's result: Clean, Infected or Error. */
	public static final String RESULT_TAG = "scan-result";

	/** The snapshot's tag with when its scan ended (an ISO-8601 instant). */
	public static final String DATE_TAG = "scan-date";

	private static final Logger logger = LoggerFactory.getLogger(Snapshots.class);

	private static final Duration FIRST_POLL = Duration.ofSeconds(1);

	private static final Duration LONGEST_POLL = Duration.ofSeconds(15);

	private final Ec2Client ec2;

	private final Clock clock;

	private final Sleeper sleeper;

	public Snapshots(Ec2Client ec2, Clock clock) {
		this(ec2, clock, Thread::sleep);
	}

	Snapshots(Ec2Client ec2, Clock clock, Sleeper sleeper) {
		this.ec2 = ec2;
		this.clock = clock;
		this.sleeper = sleeper;
	}

	/** Takes a snapshot of the volume for the job; returns its id (still pending). */
	public String take(String jobId, String volumeId) {
		try {
			String id = this.ec2.createSnapshot(createSnapshot(jobId, volumeId)).snapshotId();
			logger.info("Job {}: taking snapshot {} of volume {}", jobId, id, volumeId);
			return id;
		}
		catch (SdkException ex) {
			throw new SnapshotException("Taking a snapshot of " + volumeId + " failed: " + ex.getMessage(), ex);
		}
	}

	static CreateSnapshotRequest createSnapshot(String jobId, String volumeId) {
		return CreateSnapshotRequest.builder()
			.volumeId(volumeId)
			.description("BucketWarden retro job " + jobId + ": a scan of " + volumeId)
			.tagSpecifications(TagSpecification.builder()
				.resourceType(ResourceType.SNAPSHOT)
				.tags(Tag.builder().key(JOB_TAG).value(jobId).build())
				.build())
			.build();
	}

	/**
	 * Waits until the snapshot is completed.
	 * @param alive called at every poll (the job's heartbeat, so the console does not
	 * take a long snapshot for a lost process)
	 * @throws SnapshotException when it is in error, gone, or not completed within
	 * {@code wait}
	 */
	public Snapshot awaitCompleted(String snapshotId, Duration wait, Runnable alive) {
		Instant deadline = this.clock.instant().plus(wait);
		Duration poll = FIRST_POLL;
		while (true) {
			Snapshot snapshot = describe(snapshotId);
			alive.run();
			if (snapshot.state() == SnapshotState.COMPLETED) {
				return snapshot;
			}
			if (snapshot.state() == SnapshotState.ERROR) {
				throw new SnapshotException("Snapshot " + snapshotId + " is in error"
						+ ((snapshot.stateMessage() != null) ? ": " + snapshot.stateMessage() : ""), null);
			}
			Instant now = this.clock.instant();
			if (!now.isBefore(deadline)) {
				throw new SnapshotException("Snapshot " + snapshotId + " is still " + snapshot.stateAsString() + " ("
						+ snapshot.progress() + ") after " + wait + " (bucketwarden.retro.ebs.snapshot-wait)", null);
			}
			Duration left = Duration.between(now, deadline);
			try {
				this.sleeper.sleep((poll.compareTo(left) < 0) ? poll : left);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new SnapshotException("Interrupted while waiting for snapshot " + snapshotId, ex);
			}
			poll = (poll.multipliedBy(2).compareTo(LONGEST_POLL) < 0) ? poll.multipliedBy(2) : LONGEST_POLL;
		}
	}

	/** The snapshot as EC2 describes it now. */
	public Snapshot describe(String snapshotId) {
		List<Snapshot> found;
		try {
			found = this.ec2.describeSnapshots((request) -> request.snapshotIds(snapshotId)).snapshots();
		}
		catch (SdkException ex) {
			throw new SnapshotException("Describing snapshot " + snapshotId + " failed: " + ex.getMessage(), ex);
		}
		if (found.isEmpty()) {
			throw new SnapshotException("No snapshot " + snapshotId, null);
		}
		return found.getFirst();
	}

	/** Tags the snapshot with its scan's result and when it ended. */
	public void tagResult(String snapshotId, ResultStatus result, Instant date) {
		try {
			this.ec2.createTags(createTags(snapshotId, result, date));
		}
		catch (SdkException ex) {
			throw new SnapshotException("Tagging snapshot " + snapshotId + " " + RESULT_TAG + "=" + result.label()
					+ " failed: " + ex.getMessage(), ex);
		}
	}

	static CreateTagsRequest createTags(String snapshotId, ResultStatus result, Instant date) {
		return CreateTagsRequest.builder()
			.resources(snapshotId)
			.tags(Tag.builder().key(RESULT_TAG).value(result.label()).build(),
					Tag.builder().key(DATE_TAG).value(date.toString()).build())
			.build();
	}

	/**
	 * Lets the account create volumes from the snapshot (a linked account's snapshot,
	 * shared with the deployment's account, whose scan task makes the volume).
	 */
	public void share(String snapshotId, String account) {
		modify(snapshotId, account, OperationType.ADD, "Sharing");
	}

	/** Takes back what {@link #share} gave. */
	public void unshare(String snapshotId, String account) {
		modify(snapshotId, account, OperationType.REMOVE, "Unsharing");
	}

	private void modify(String snapshotId, String account, OperationType operation, String doing) {
		try {
			this.ec2.modifySnapshotAttribute(createVolumePermission(snapshotId, account, operation));
			logger.info("Snapshot {}: createVolumePermission {} {}", snapshotId, operation, account);
		}
		catch (SdkException ex) {
			throw new SnapshotException(
					doing + " snapshot " + snapshotId + " with account " + account + " failed: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The ModifySnapshotAttribute request in its {@code OperationType} and
	 * {@code UserId.N} form, which EC2 takes like the {@code CreateVolumePermission}
	 * structure (and which the local stack's moto understands).
	 */
	static ModifySnapshotAttributeRequest createVolumePermission(String snapshotId, String account,
			OperationType operation) {
		return ModifySnapshotAttributeRequest.builder()
			.snapshotId(snapshotId)
			.attribute(SnapshotAttributeName.CREATE_VOLUME_PERMISSION)
			.operationType(operation)
			.userIds(account)
			.build();
	}

	/** Sleeps between polls (a test's does not). */
	@FunctionalInterface
	interface Sleeper {

		void sleep(Duration duration) throws InterruptedException;

	}

}
