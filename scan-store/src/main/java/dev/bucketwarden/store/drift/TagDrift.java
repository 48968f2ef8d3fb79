package dev.bucketwarden.store.drift;

import java.time.Instant;
import java.util.Objects;

/**
 * An object whose result tag disagrees with its record, as a drift check found it: kept
 * with the job and published as a finding of its own kind.
 *
 * @param id a stable id (the same on a redelivered check), the finding's id
 * @param jobId the drift check that found it
 * @param bucket the bucket
 * @param key the key
 * @param versionId the checked version, or {@code null} in an unversioned bucket
 * @param eTag the checked ETag
 * @param tagFound the result tag as found, such as {@code scan-result=Clean}, or
 * {@code null} when it is gone
 * @param recordedResult the record's result label, or {@code null} when there is no
 * record
 * @param kind how they disagree
 * @param detectedAt when the check found it
 */
public record TagDrift(String id, String jobId, String bucket, String key, String versionId, String eTag,
		String tagFound, String recordedResult, DriftKind kind, Instant detectedAt) {

	public TagDrift {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(jobId, "jobId");
		Objects.requireNonNull(bucket, "bucket");
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(detectedAt, "detectedAt");
	}

}
