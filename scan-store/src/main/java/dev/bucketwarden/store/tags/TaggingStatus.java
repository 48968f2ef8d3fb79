package dev.bucketwarden.store.tags;

/** What happened to the result tags of a scan; recorded and published with the result. */
public enum TaggingStatus {

	/** The result tags were written, merged with the user's tags. */
	TAGGED,
	/** Tagging is turned off for the bucket. */
	DISABLED,
	/**
	 * The result tag was written, but some of our other tags did not fit beside the
	 * user's within S3's 10 (the record names them).
	 */
	PARTIAL,
	/**
	 * The user's own tags fill S3's 10: none of ours could be written (no user tag is
	 * dropped). Any earlier copy of our keys was removed, so no result tag is left
	 * disagreeing with the verdict.
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
