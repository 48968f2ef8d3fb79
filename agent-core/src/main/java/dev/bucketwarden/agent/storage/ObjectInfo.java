package dev.bucketwarden.agent.storage;

import org.jspecify.annotations.Nullable;

/**
 * What S3 said about an object (HEAD, GET, or the write that stored it).
 *
 * @param bucket the bucket
 * @param key the key
 * @param versionId the version, or {@code null} in an unversioned bucket
 * @param eTag the ETag, without quotes
 * @param size the length in bytes
 * @param contentType the declared content type, or {@code null}
 * @param tagCount how many tags the object has, as the answer said
 * ({@code x-amz-tagging-count}), or {@code null} when it is not known: then the tags are
 * read before ours are written
 */
public record ObjectInfo(String bucket, String key, @Nullable String versionId, String eTag, long size,
		@Nullable String contentType, @Nullable Integer tagCount) {

	/** An object whose tags are not known. */
	public ObjectInfo(String bucket, String key, @Nullable String versionId, String eTag, long size,
			@Nullable String contentType) {
		this(bucket, key, versionId, eTag, size, contentType, null);
	}

	/** Whether S3 said the object has no tags, so there are none to read and keep. */
	public boolean knownUntagged() {
		return this.tagCount != null && this.tagCount == 0;
	}

}
