package dev.bucketwarden.agent.storage;

import org.jspecify.annotations.Nullable;

/**
 * What HEAD said about an object.
 *
 * @param bucket the bucket
 * @param key the key
 * @param versionId the version, or {@code null} in an unversioned bucket
 * @param eTag the ETag, without quotes
 * @param size the length in bytes
 * @param contentType the declared content type, or {@code null}
 */
public record ObjectInfo(String bucket, String key, @Nullable String versionId, String eTag, long size,
		@Nullable String contentType) {
}
