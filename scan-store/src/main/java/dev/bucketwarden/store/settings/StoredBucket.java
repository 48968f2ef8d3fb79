package dev.bucketwarden.store.settings;

import java.time.Instant;
import java.util.Objects;

/**
 * A protected bucket as the console keeps it in the settings table.
 *
 * @param bucket the bucket name
 * @param settings how its objects are tagged and remediated
 * @param rules skips, allow-list and engine chain
 * @param updatedAt when it was last changed
 * @param updatedBy who changed it (the console user's name)
 * @param home the bucket's region and owning account ({@link BucketHome#HOME}: the
 * console's region and the deployment's own account)
 */
public record StoredBucket(String bucket, BucketSettings settings, BucketRules rules, Instant updatedAt,
		String updatedBy, BucketHome home) {

	public StoredBucket {
		Objects.requireNonNull(bucket, "bucket");
		Objects.requireNonNull(settings, "settings");
		rules = (rules != null) ? rules : BucketRules.NONE;
		home = (home != null) ? home : BucketHome.HOME;
	}

	/** A bucket of the console's region and the deployment's own account. */
	public StoredBucket(String bucket, BucketSettings settings, BucketRules rules, Instant updatedAt,
			String updatedBy) {
		this(bucket, settings, rules, updatedAt, updatedBy, BucketHome.HOME);
	}

}
