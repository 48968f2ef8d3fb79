package dev.bucketwarden.console.buckets;

import dev.bucketwarden.store.settings.StoredBucket;

/**
 * A bucket of the account, with its protection.
 *
 * @param name the bucket name
 * @param exists whether S3 lists it (a protected bucket may have been deleted since)
 * @param protectable whether this deployment can protect it (its protectedBuckets name or
 * match it)
 * @param protection its settings when protected, else {@code null}
 */
public record BucketView(String name, boolean exists, boolean protectable, StoredBucket protection) {

	public boolean isProtected() {
		return this.protection != null;
	}

}
