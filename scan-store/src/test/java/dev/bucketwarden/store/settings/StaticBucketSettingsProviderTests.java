package dev.bucketwarden.store.settings;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settings from configuration: every bucket is protected, with its override or the
 * defaults, and no rules.
 */
class StaticBucketSettingsProviderTests {

	private final StaticBucketSettingsProvider provider = new StaticBucketSettingsProvider(
			BucketSettings.quarantineTo("default-q"),
			Map.of("uploads", BucketSettings.quarantineTo("uploads-q").withRemediation(Remediation.DELETE)));

	@Test
	void shouldReadABucketsWholeConfigurationAtOnce() {
		BucketConfiguration uploads = this.provider.configuration("uploads");
		assertThat(uploads.bucket()).isEqualTo("uploads");
		assertThat(uploads.settings().remediation()).isEqualTo(Remediation.DELETE);
		assertThat(uploads.rules()).isEqualTo(BucketRules.NONE);
		assertThat(uploads.protectedBucket()).isTrue();
		assertThat(uploads.quarantine()).isFalse();
		assertThat(this.provider.configuration("other").settings()).isEqualTo(BucketSettings.quarantineTo("default-q"));
		assertThat(this.provider.configuration("uploads-q").quarantine()).isTrue();
		assertThat(this.provider.configuration("default-q").quarantine()).isTrue();
	}

}
