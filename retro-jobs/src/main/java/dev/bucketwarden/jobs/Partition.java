package dev.bucketwarden.jobs;

import java.util.Objects;

/**
 * A slice of one bucket that one lister crawls: the keys under the job's prefix from
 * {@code startAt} (inclusive) to {@code endBefore} (exclusive), in S3's key order. The
 * slices of a bucket cover its keys exactly once. The checkpoint says where the lister
 * resumes after a crash.
 *
 * @param index its number in the job
 * @param bucket the bucket
 * @param prefix the job's prefix
 * @param startAt the first key of the slice, or {@code null} from the start
 * @param endBefore the first key after the slice, or {@code null} to the end
 * @param checkpoint where listing resumes
 */
public record Partition(int index, String bucket, String prefix, String startAt, String endBefore,
		Checkpoint checkpoint) {

	public Partition {
		Objects.requireNonNull(bucket, "bucket");
		Objects.requireNonNull(prefix, "prefix");
		Objects.requireNonNull(checkpoint, "checkpoint");
	}

	/** Whether the key belongs to this slice. */
	public boolean contains(String key) {
		return (this.startAt == null || KeyOrder.compare(key, this.startAt) >= 0)
				&& (this.endBefore == null || KeyOrder.compare(key, this.endBefore) < 0);
	}

	/** Whether the key is past the end of the slice (keys come in order). */
	public boolean pastEnd(String key) {
		return this.endBefore != null && KeyOrder.compare(key, this.endBefore) >= 0;
	}

	public Partition withCheckpoint(Checkpoint checkpoint) {
		return new Partition(this.index, this.bucket, this.prefix, this.startAt, this.endBefore, checkpoint);
	}

	/**
	 * Where a lister resumes: S3's continuation token (ListObjectsV2) or key and version
	 * markers (ListObjectVersions) of the next page, and whether the slice is finished.
	 *
	 * @param continuationToken an opaque continuation token, for listers that resume with
	 * one; {@code null} for ours (see ObjectLister)
	 * @param keyMarker the last key listed (the next page starts after it), or the next
	 * key marker of ListObjectVersions; {@code null} at the start
	 * @param versionIdMarker the next page's version id marker (versions), or
	 * {@code null}
	 * @param pages pages listed so far
	 * @param done whether the slice is finished
	 */
	public record Checkpoint(String continuationToken, String keyMarker, String versionIdMarker, long pages,
			boolean done) {

		public static final Checkpoint START = new Checkpoint(null, null, null, 0, false);

		public boolean started() {
			return this.pages > 0;
		}

	}

}
