package dev.bucketwarden.retro.crawl;

import java.time.Instant;

/**
 * An object version as a list request reported it.
 *
 * @param key the key
 * @param versionId the version, or {@code null} when listed without versions
 * @param eTag the ETag, unquoted
 * @param lastModified when it was written
 * @param size its size in bytes
 */
record ListedObject(String key, String versionId, String eTag, Instant lastModified, long size) {
}
