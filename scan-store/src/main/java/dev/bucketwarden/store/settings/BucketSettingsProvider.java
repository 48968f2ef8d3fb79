package dev.bucketwarden.store.settings;

import java.util.Set;

/** Where agents read bucket settings from. */
public interface BucketSettingsProvider {

	/** The settings of a protected bucket (the defaults when it has none of its own). */
	BucketSettings forBucket(String bucket);

	/**
	 * Buckets that receive quarantined objects: events from them are never scanned again.
	 */
	Set<String> quarantineBuckets();

	/**
	 * Whether the bucket is protected. Settings from configuration protect every bucket
	 * (the deployment's patterns still apply); the console's table protects the buckets
	 * it lists.
	 */
	default boolean protects(String bucket) {
		return true;
	}

	/**
	 * Skips, allow-list and engine chain of the bucket (none unless the console set
	 * them).
	 */
	default BucketRules rulesFor(String bucket) {
		return BucketRules.NONE;
	}

	/**
	 * Settings, rules, protection and quarantine role of one bucket together: what a scan
	 * reads once per object. Implementations that reload their settings answer from one
	 * state of them.
	 */
	default BucketConfiguration configuration(String bucket) {
		return new BucketConfiguration(bucket, forBucket(bucket), rulesFor(bucket), protects(bucket),
				quarantineBuckets().contains(bucket));
	}

	/**
	 * The change version of the settings in use: it grows with every change made in the
	 * console (always 0 for settings from configuration).
	 */
	default long version() {
		return 0;
	}

}
