package dev.bucketwarden.store.large;

/**
 * Where a large-object scan job stands. Only {@link #RUNNING} takes part verdicts; a
 * decided job ({@link #CLEAN} to {@link #SUPERSEDED}) waits to be finished (record, tags,
 * remediation, finding), then it is {@link #FINISHED}.
 */
public enum JobState {

	/** Parts are being scanned; none found anything yet. */
	RUNNING,

	/** Every part was scanned Clean. */
	CLEAN,

	/** A part was Infected. */
	INFECTED,

	/** A part could not be scanned (encrypted member, limits). */
	UNSCANNABLE,

	/** A part failed on its last attempt. */
	ERROR,

	/** The pinned version changed or went away during the scan. */
	SUPERSEDED,

	/** The verdict is recorded, tagged, remediated and published. */
	FINISHED;

	/** Whether the verdict is known and the job waits to be finished. */
	public boolean decided() {
		return this != RUNNING && this != FINISHED;
	}

}
