package dev.bucketwarden.agent.trust;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.bucketwarden.store.settings.BucketSettingsProvider;

/**
 * Whether a bucket is protected: the deployment's patterns match it and, where the
 * console's settings table is in use, the console protects it. Anyone who may send to the
 * scan queue could otherwise have the agents tag, move or delete objects in any bucket
 * their role reaches.
 */
public final class BucketProtection {

	private final BucketPatterns deployment;

	private final BucketSettingsProvider settings;

	public BucketProtection(BucketPatterns deployment, BucketSettingsProvider settings) {
		this.deployment = deployment;
		this.settings = settings;
	}

	/** Every bucket is protected: settings from configuration, no patterns. */
	public static BucketProtection of(BucketSettingsProvider settings) {
		return new BucketProtection(BucketPatterns.of(List.of()), settings);
	}

	/** Why the bucket is not protected, or {@code null} when it is. */
	public @Nullable String refusal(String bucket) {
		if (!this.deployment.matches(bucket)) {
			return "not protected: outside this deployment's protected buckets";
		}
		if (!this.settings.protects(bucket)) {
			return "not protected: the console does not protect this bucket";
		}
		return null;
	}

}
