package dev.bucketwarden.agent.config;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.bucketwarden.store.settings.BucketSettings;

/**
 * Protected buckets' settings ({@code bucketwarden.buckets}) until the console's settings
 * store takes over.
 *
 * @param defaults settings of buckets without their own
 * @param overrides settings by bucket name
 */
@Validated
@ConfigurationProperties("bucketwarden.buckets")
public record BucketsProperties(@DefaultValue BucketSettings defaults,
		@DefaultValue Map<String, BucketSettings> overrides) {
}
