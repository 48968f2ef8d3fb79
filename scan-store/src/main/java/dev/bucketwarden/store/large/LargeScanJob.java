package dev.bucketwarden.store.large;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.bucketwarden.store.results.Coverage;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.results.ScanSource;

/**
 * A large-object scan job as its item says (docs/large-objects.md, "The job").
 *
 * @param bucket the bucket
 * @param key the key
 * @param versionId the pinned version, or {@code null} in an unversioned bucket
 * @param eTag the pinned ETag (every ranged GET sends it as {@code If-Match})
 * @param size the object's size in bytes
 * @param recordId the id of the final record, chosen when the job is created, so that
 * every finisher writes the same record
 * @param coverage how the object is cut; its {@code parts} is the job's total
 * @param done the indexes of the parts scanned Clean
 * @param state where the job stands
 * @param signatures what the deciding part found
 * @param engines the engines of the deciding part (their results as records hold them)
 * @param reason why the job is not Clean, if it is not
 * @param errorKind for an Error, its kind
 * @param enqueued whether every part's message was sent
 * @param source how the request to scan came in
 * @param createdAt when the job was created
 * @param updatedAt when it last changed
 * @param scannedBytes bytes of the parts scanned Clean (overlaps counted twice)
 * @param decidedBy the index of the part whose worker decided the verdict: that part's
 * message finishes the job (it stays unacknowledged until then, and comes back if its
 * worker dies); {@code null} while running
 */
public record LargeScanJob(String bucket, String key, @Nullable String versionId, String eTag, long size,
		String recordId, Coverage coverage, Set<Integer> done, JobState state, List<String> signatures,
		List<ScanRecord.EngineRecord> engines, @Nullable String reason, @Nullable String errorKind, boolean enqueued,
		ScanSource source, Instant createdAt, Instant updatedAt, long scannedBytes, @Nullable Integer decidedBy) {

	public LargeScanJob {
		Objects.requireNonNull(bucket, "bucket");
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(eTag, "eTag");
		Objects.requireNonNull(recordId, "recordId");
		Objects.requireNonNull(coverage, "coverage");
		Objects.requireNonNull(state, "state");
		done = Set.copyOf(done);
		signatures = List.copyOf(signatures);
		engines = List.copyOf(engines);
	}

	/** A new job: running, nothing done, not yet enqueued. */
	public static LargeScanJob start(String bucket, String key, @Nullable String versionId, String eTag, long size,
			String recordId, Coverage coverage, ScanSource source, Instant now) {
		return new LargeScanJob(bucket, key, versionId, eTag, size, recordId, coverage, Set.of(), JobState.RUNNING,
				List.of(), List.of(), null, null, false, source, now, now, 0, null);
	}

	/** The job's total of parts. */
	public int parts() {
		return this.coverage.parts();
	}

	/** Whether every part was scanned Clean. */
	public boolean allDone() {
		return this.done.size() >= parts();
	}

	/**
	 * The verdict of a job that is decided.
	 *
	 * @param state the decided state ({@link JobState#decided()})
	 * @param part the index of the part whose worker decides
	 * @param signatures what the deciding part found
	 * @param engines the deciding part's engines
	 * @param reason why it is not Clean
	 * @param errorKind the kind of an Error
	 */
	public record Decision(JobState state, int part, List<String> signatures, List<ScanRecord.EngineRecord> engines,
			@Nullable String reason, @Nullable String errorKind) {

		public Decision {
			if (!state.decided()) {
				throw new IllegalArgumentException("Not a decision: " + state);
			}
			signatures = List.copyOf(signatures);
			engines = List.copyOf(engines);
		}

	}

}
