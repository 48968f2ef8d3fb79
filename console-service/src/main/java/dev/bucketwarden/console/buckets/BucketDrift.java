package dev.bucketwarden.console.buckets;

import java.time.Instant;
import java.util.List;

import dev.bucketwarden.store.drift.TagDrift;

/**
 * A drift check of a bucket as its page shows it.
 *
 * @param jobId the drift check's job
 * @param state its state (a running check may find more)
 * @param createdAt when it was started
 * @param checked objects checked so far
 * @param drifts the objects of the bucket whose result tag disagrees with their record
 */
public record BucketDrift(String jobId, String state, Instant createdAt, long checked, List<TagDrift> drifts) {

	public BucketDrift {
		drifts = List.copyOf(drifts);
	}

}
