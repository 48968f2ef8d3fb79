package dev.bucketwarden.store.settings;

/** What happens to an infected object. */
public enum Remediation {

	/**
	 * Copy the exact version to the quarantine bucket, verify the copy, delete the source
	 * version.
	 */
	QUARANTINE,
	/** Delete the infected version. */
	DELETE,
	/** Leave it in place, tagged. */
	KEEP

}
