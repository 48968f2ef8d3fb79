package dev.bucketwarden.store.settings;

import org.jspecify.annotations.Nullable;

/**
 * Where a protected bucket lives: its region and the AWS account that owns it. Both are
 * unset for a bucket of the console's own region and account, which is what every bucket
 * protected before regions and linked accounts existed reads as.
 *
 * @param region the bucket's region, or {@code null} for the console's region
 * @param account the 12-digit id of the linked account that owns it, or {@code null} for
 * the deployment's own account (whose role the agents already run as)
 */
public record BucketHome(@Nullable String region, @Nullable String account) {

	/** The console's region and the deployment's own account. */
	public static final BucketHome HOME = new BucketHome(null, null);

	public BucketHome {
		region = blankToNull(region);
		account = blankToNull(account);
		if (account != null && !account.matches("\\d{12}")) {
			throw new IllegalArgumentException("Not a 12-digit AWS account id: " + account);
		}
		if (region != null && !region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
			throw new IllegalArgumentException("Not an AWS region: " + region);
		}
	}

	/**
	 * Whether the bucket belongs to a linked account (its S3 calls need that account's
	 * role).
	 */
	public boolean linked() {
		return this.account != null;
	}

	/** The bucket's region, or {@code home} when it is in the console's region. */
	public String regionOr(String home) {
		return (this.region != null) ? this.region : home;
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
