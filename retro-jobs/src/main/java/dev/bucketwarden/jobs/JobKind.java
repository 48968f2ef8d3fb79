package dev.bucketwarden.jobs;

/**
 * What a bucket job does with each object it lists. Jobs stored before kinds existed have
 * no kind attribute and read as {@link #SCAN}.
 */
public enum JobKind {

	/** Scan each object through the pipeline (or reuse its record). */
	SCAN,

	/**
	 * Compare each object's result tags with the record of its version and ETag, and
	 * report the objects where they disagree. Nothing is scanned, re-tagged or moved.
	 */
	DRIFT_CHECK

}
