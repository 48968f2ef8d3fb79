package dev.bucketwarden.agent.trust;

import java.util.List;

import dev.bucketwarden.store.settings.BucketConfiguration;

/**
 * Whether a bucket is protected: the deployment's patterns match it and, where the
 * console's settings table is in use, the console protects it. Anyone who may send to the
 * scan queue could otherwise have the agents tag, move or delete objects in any bucket
 * their role reaches.
 */
public final class BucketProtection {

	private final BucketPatterns deployment;

	public BucketProtection(BucketPatterns deployment) {
		this.deployment = deployment;
	}

	/** No deployment patterns: the bucket's settings alone decide. */
	public static BucketProtection bySettingsOnly() {
		return new BucketProtection(BucketPatterns.of(List.of()));
	}

	/**
	 * Why the bucket is not protected, or {@code null} when it is, from its configuration
	 * as the scan read it.
	 */
	public String refusal(BucketConfiguration bucket) {
		if (!this.deployment.matches(bucket.bucket())) {
			return "not protected: outside this deployment's protected buckets";
		}
		if (!bucket.protectedBucket()) {
			return "not protected: the console does not protect this bucket";
		}
		return null;
	}

}
