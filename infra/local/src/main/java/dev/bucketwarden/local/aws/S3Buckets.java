package dev.bucketwarden.local.aws;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/** Buckets as the product meets them: versioned, so scans can pin exact versions. */
public final class S3Buckets {

	private S3Buckets() {
	}

	public static void createVersioned(S3Client s3, String bucket) {
		s3.createBucket((request) -> request.bucket(bucket));
		s3.putBucketVersioning((request) -> request.bucket(bucket)
			.versioningConfiguration((versioning) -> versioning.status(BucketVersioningStatus.ENABLED)));
	}

}
