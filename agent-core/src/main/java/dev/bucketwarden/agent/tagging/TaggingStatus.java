package dev.bucketwarden.agent.tagging;

/** What happened to the result tags of a scan; recorded and published with the result. */
public enum TaggingStatus {

	/** The result tags were written, merged with the user's tags. */
	TAGGED,
	/** Tagging is turned off for the bucket. */
	DISABLED,
	/**
	 * The user's tags and ours would be more than S3's 10: nothing was written, no user
	 * tag dropped.
	 */
	MAX_TAG_LIMIT_EXCEEDED,
	/**
	 * The object was overwritten or deleted before tagging: the new content is not
	 * tagged.
	 */
	SUPERSEDED,
	/** Tagging failed (for example access denied). */
	FAILED

}
