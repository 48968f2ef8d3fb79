package dev.bucketwarden.store.settings;

import java.util.Objects;

/**
 * Everything a scan needs to know about its bucket, read at once from one state of the
 * settings. A scan then decides with one consistent view (a console change that lands
 * while it runs cannot give it the new skips with the old remediation), and asks the
 * provider once per object instead of once per question.
 *
 * @param bucket the bucket
 * @param settings tagging, tag schema, remediation and size limit
 * @param rules skips, allow-list and engine chain
 * @param protectedBucket whether the settings protect the bucket (settings from
 * configuration protect every bucket; the console's table the buckets it lists)
 * @param quarantine whether the bucket receives quarantined objects, which are never
 * scanned again
 * @param home the bucket's region and owning account, as the console recorded them
 * ({@link BucketHome#HOME} for a bucket it does not protect): the agents call S3 for a
 * bucket of a linked account with that account's role
 */
public record BucketConfiguration(String bucket, BucketSettings settings, BucketRules rules, boolean protectedBucket,
		boolean quarantine, BucketHome home) {

	public BucketConfiguration {
		Objects.requireNonNull(bucket, "bucket");
		Objects.requireNonNull(settings, "settings");
		Objects.requireNonNull(rules, "rules");
		home = (home != null) ? home : BucketHome.HOME;
	}

	/** A bucket of the console's region and the deployment's own account. */
	public BucketConfiguration(String bucket, BucketSettings settings, BucketRules rules, boolean protectedBucket,
			boolean quarantine) {
		this(bucket, settings, rules, protectedBucket, quarantine, BucketHome.HOME);
	}

}
