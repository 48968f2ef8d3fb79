package dev.bucketwarden.store.large;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.bucketwarden.store.results.Coverage;

/**
 * How far one large-object scan job has come, as its job item says
 * (docs/large-objects.md): what the console shows, never what decides a verdict.
 *
 * @param bucket the object's bucket
 * @param key the object's key
 * @param versionId the pinned version, {@code null} for an unversioned bucket
 * @param eTag the pinned ETag
 * @param size the object's size in bytes
 * @param recordId the id the final scan record gets
 * @param coverage how the object is cut (members or windows)
 * @param parts how many parts the object was cut into
 * @param done how many parts are scanned and Clean
 * @param state where the job is
 * @param scannedBytes the bytes the parts done so far read
 * @param createdAt when the job was created
 * @param updatedAt when a part last reported
 */
public record LargeJobProgress(String bucket, String key, @Nullable String versionId, String eTag, long size,
		String recordId, Coverage coverage, int parts, int done, State state, long scannedBytes, Instant createdAt,
		Instant updatedAt) {

	public LargeJobProgress {
		Objects.requireNonNull(bucket, "bucket");
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(coverage, "coverage");
		Objects.requireNonNull(state, "state");
		if (parts < 1 || done < 0 || done > parts) {
			throw new IllegalArgumentException("done " + done + " of " + parts + " parts");
		}
	}

	/** The share of parts done, 0 to 100, rounded down: 100 only when every part is. */
	public int percentDone() {
		return (int) (100L * this.done / this.parts);
	}

	/** How long the job has existed at {@code now}. */
	public Duration age(Instant now) {
		return Duration.between(this.createdAt, now).isNegative() ? Duration.ZERO
				: Duration.between(this.createdAt, now);
	}

	/** Where a job is (the states the agents write). */
	public enum State {

		/** Parts are being scanned. */
		RUNNING,

		/** Every part was Clean; the object is being finished. */
		CLEAN,

		/** A part was Infected; the object is being finished. */
		INFECTED,

		/** A part could not be scanned; the object is being finished. */
		UNSCANNABLE,

		/** A part kept failing; the object is being finished as Error. */
		ERROR,

		/** The object changed during the scan; recorded Skipped. */
		SUPERSEDED,

		/** Recorded, tagged, remediated and published. */
		FINISHED;

		/** Whether parts are still being scanned. */
		public boolean running() {
			return this == RUNNING;
		}

	}

}
