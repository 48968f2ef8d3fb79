package dev.bucketwarden.console.buckets;

import org.jspecify.annotations.Nullable;

import dev.bucketwarden.store.settings.StoredBucket;

/**
 * A bucket of the account, with its protection.
 *
 * @param name the bucket name
 * @param exists whether S3 lists it (a protected bucket may have been deleted since)
 * @param protectable whether this deployment can protect it (its protectedBuckets name or
 * match it)
 * @param protection its settings when protected, else {@code null}
 * @param region the bucket's region, or {@code null} when S3 would not say
 * @param agents whether the deployment has agents in the bucket's region (a bucket of a
 * region without agents is refused when protected)
 */
public record BucketView(String name, boolean exists, boolean protectable, @Nullable StoredBucket protection,
		@Nullable String region, boolean agents) {

	/** A bucket of a region with agents, its region unknown. */
	public BucketView(String name, boolean exists, boolean protectable, @Nullable StoredBucket protection) {
		this(name, exists, protectable, protection, null, true);
	}

	public boolean isProtected() {
		return this.protection != null;
	}

}
