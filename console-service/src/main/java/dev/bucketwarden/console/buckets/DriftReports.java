package dev.bucketwarden.console.buckets;

import java.util.Optional;

/**
 * The latest drift check of a bucket, for its page; implemented where jobs are kept (the
 * retro feature), so this package does not depend on it.
 */
public interface DriftReports {

	/** The newest drift check that covered the bucket, with its drifts in that bucket. */
	Optional<BucketDrift> latestDrift(String bucket);

}
