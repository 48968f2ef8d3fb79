package dev.bucketwarden.bench.support;

import java.nio.file.Path;

/**
 * The files S3Mock 5.2.3 keeps for a bucket and an object in its store root (a folder per
 * bucket with its {@code bucketMetadata.json} index of keys to object ids, a folder per
 * object with {@code binaryData} and {@code objectMetadata.json}), which it loads at
 * start. Benchmarks write them directly when S3Mock's API would cost too much: filling a
 * bucket through it is O(n^2), and completing a multipart upload of 20 GiB holds the
 * object on disk three times.
 */
public final class S3MockLayout {

	public static final String BUCKET_METADATA = "bucketMetadata.json";

	public static final String OBJECT_METADATA = "objectMetadata.json";

	public static final String BINARY_DATA = "binaryData";

	private S3MockLayout() {
	}

	/**
	 * The bucket index up to its first key: write the keys as {@code "key":"id"} pairs
	 * separated by commas, then {@link #BUCKET_METADATA_END}.
	 */
	public static String bucketMetadataStart(String bucket, Path bucketDir, String now) {
		return "{\"name\":\"" + bucket + "\",\"creationDate\":\"" + now
				+ "\",\"versioningConfiguration\":{\"MfaDelete\":null,\"Status\":null},"
				+ "\"objectLockConfiguration\":null,\"bucketLifecycleConfiguration\":null,"
				+ "\"objectOwnership\":\"BucketOwnerEnforced\",\"path\":\"" + bucketDir.toUri()
				+ "\",\"bucketRegion\":\"us-east-1\",\"bucketInfo\":null,\"locationInfo\":null,\"objects\":{";
	}

	public static final String BUCKET_METADATA_END = "}}";

	/**
	 * An object's metadata (unversioned, no tags, CRC32 checksum of the whole object).
	 * @param eTag without quotes
	 * @param crc32 the checksum, base64 as S3 gives it
	 */
	public static String objectMetadata(String id, String key, long size, String now, long nowMillis, String eTag,
			Path data, String crc32) {
		return "{\"id\":\"" + id + "\",\"key\":\"" + key + "\",\"size\":\"" + size + "\",\"modificationDate\":\"" + now
				+ "\",\"etag\":\"" + eTag + "\",\"contentType\":\"application/octet-stream\",\"lastModified\":"
				+ nowMillis + ",\"dataPath\":\"" + data.toUri() + "\",\"userMetadata\":{},\"tags\":null,"
				+ "\"legalHold\":null,\"retention\":null,\"owner\":{\"ID\":"
				+ "\"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be\"},"
				+ "\"storeHeaders\":{},\"encryptionHeaders\":{},\"checksumAlgorithm\":\"CRC32\"," + "\"checksum\":\""
				+ crc32 + "\",\"storageClass\":\"STANDARD\",\"policy\":null,"
				+ "\"versionId\":null,\"deleteMarker\":false,\"checksumType\":\"FULL_OBJECT\",\"parts\":null}";
	}

}
