package dev.bucketwarden.agent.settings;

import java.util.Set;

/** Where agents read bucket settings from. */
public interface BucketSettingsProvider {

	/** The settings of a protected bucket (the defaults when it has none of its own). */
	BucketSettings forBucket(String bucket);

	/**
	 * Buckets that receive quarantined objects: events from them are never scanned again.
	 */
	Set<String> quarantineBuckets();

}
