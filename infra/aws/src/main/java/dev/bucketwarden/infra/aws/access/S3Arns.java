package dev.bucketwarden.infra.aws.access;

/** ARNs of buckets and their objects, in the stack's partition. */
final class S3Arns {

	private S3Arns() {
	}

	static String bucket(String partition, String bucket) {
		return "arn:" + partition + ":s3:::" + bucket;
	}

	static String objects(String partition, String bucket) {
		return bucket(partition, bucket) + "/*";
	}

}
