package dev.bucketwarden.store.drift;

/** How an object's result tag disagrees with the record of its version and ETag. */
public enum DriftKind {

	/**
	 * A result tag on a version that has no record at all, or a tag that says Clean (or
	 * {@code NO_THREATS_FOUND}) where the record is not Clean: the tag claims a verdict
	 * nobody reached.
	 */
	FORGED_RESULT,

	/** The tag names another result than the record, and does not claim Clean. */
	RESULT_CHANGED,

	/** The record says the result tags were written, and the result tag is gone. */
	RESULT_REMOVED

}
