package dev.bucketwarden.infra.aws.settings;

import java.util.List;
import java.util.Objects;

/**
 * Another AWS account whose buckets the deployment protects: it gets a stack of its own
 * ({@code BucketWarden-Linked-<account>}, deployed into that account) with the role the
 * central agents and console assume, and the central stacks may assume exactly that role.
 *
 * @param account the linked account (12 digits), not the deployment's own
 * @param name what the operator calls it (the stack's description)
 * @param protectedBuckets that account's buckets the linked role may scan, tag,
 * quarantine and remove in: names or patterns, like {@code protectedBuckets}
 * @param quarantine where infected objects of that account go
 * @param regions the deployment's regions whose agents act on that account's buckets;
 * empty for every region of the deployment
 */
public record LinkedAccount(String account, String name, List<String> protectedBuckets, Quarantine quarantine,
		List<String> regions) {

	public LinkedAccount {
		Objects.requireNonNull(quarantine, "quarantine");
		protectedBuckets = List.copyOf(protectedBuckets);
		regions = List.copyOf(regions);
		SettingsChecks.check("linkedAccounts[].account", List.of(String.valueOf(account)), SettingsChecks.ACCOUNT,
				"an AWS account id (12 digits)");
		String key = "linkedAccounts[" + account + "]";
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("Context '" + key + ".name' is missing");
		}
		if (protectedBuckets.isEmpty()) {
			throw new IllegalArgumentException("Context '" + key + ".protectedBuckets' names no bucket");
		}
		SettingsChecks.bucketEntries(key + ".protectedBuckets", protectedBuckets);
		// The account's own quarantine bucket (IN_ACCOUNT) has a generated name that
		// starts
		// with bucketwarden-: no entry may reach it.
		QuarantineOverlap.refuse(key + ".protectedBuckets", protectedBuckets, null);
	}

	/** Whether the agents of {@code region} act on this account's buckets. */
	public boolean covers(String region) {
		return this.regions.isEmpty() || this.regions.contains(region);
	}

	/** Where a linked account's infected objects go. */
	public enum Quarantine {

		/**
		 * Into the deployment's quarantine bucket of the scanning region, copied through
		 * the linked role (the bucket's policy lets the linked roles put objects and
		 * tags).
		 */
		CENTRAL,

		/** Into a quarantine bucket of the linked account's own stack. */
		IN_ACCOUNT

	}

}
