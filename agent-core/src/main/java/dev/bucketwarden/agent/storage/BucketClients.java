package dev.bucketwarden.agent.storage;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 client for a bucket: the agent's own for a bucket of the deployment's account,
 * the one of a linked account's role for a bucket of that account. The one seam through
 * which every S3 call of the pipeline on a bucket passes, so no caller picks credentials.
 */
@FunctionalInterface
public interface BucketClients {

	/**
	 * The client to call S3 with for this bucket.
	 * @throws StorageException when the bucket's account has no usable client (its link
	 * was removed meanwhile)
	 */
	S3Client forBucket(String bucket);

	/** One client for every bucket: a deployment without linked accounts. */
	static BucketClients single(S3Client s3) {
		return (bucket) -> s3;
	}

}
