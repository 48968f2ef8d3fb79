package dev.bucketwarden.store.accounts;

/**
 * Where the infected objects of a linked account's buckets are quarantined.
 */
public enum AccountQuarantine {

	/**
	 * The deployment's quarantine bucket: the agents read the source through the linked
	 * role and copy into the central bucket, whose policy lets the linked roles put
	 * objects and their tags.
	 */
	CENTRAL,

	/**
	 * A quarantine bucket of the linked account itself, written through the same role:
	 * the infected object never leaves its account (the default for linked accounts).
	 */
	IN_ACCOUNT

}
