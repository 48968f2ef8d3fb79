package dev.bucketwarden.store.results;

/** How far the remediation of a scanned object has got. */
public enum RemediationState {

	/** Nothing to do: clean, or the bucket keeps infected objects (tags only). */
	NONE,
	/** Decided but not done yet: a retry finishes it. */
	PENDING,
	/** Copied to the quarantine bucket and deleted from the source. */
	QUARANTINED,
	/** Deleted from the source. */
	DELETED,
	/** Infected but kept in place, tagged (bucket setting "keep" or allow-listed). */
	KEPT,
	/** Not done because the object changed or vanished before remediation. */
	SUPERSEDED

}
