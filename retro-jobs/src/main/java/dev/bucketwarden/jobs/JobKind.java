package dev.bucketwarden.jobs;

/**
 * What a job does: a bucket job with each object it lists, or an EBS job. Jobs stored
 * before kinds existed have no kind attribute and read as {@link #SCAN}.
 */
public enum JobKind {

	/** Scan each object through the pipeline (or reuse its record). */
	SCAN,

	/**
	 * Compare each object's result tags with the record of its version and ETag, and
	 * report the objects where they disagree. Nothing is scanned, re-tagged or moved.
	 */
	DRIFT_CHECK,

	/**
	 * Scan the file system of an EBS snapshot (taken first from a volume, when the job
	 * names one), mounted read-only from a volume created from it; the snapshot is tagged
	 * with the result.
	 */
	EBS

}
