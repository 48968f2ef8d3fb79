package dev.bucketwarden.agent.config;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.bucketwarden.store.settings.BucketSettingsProvider;
import dev.bucketwarden.store.settings.DynamoDbBucketSettingsProvider;
import dev.bucketwarden.store.settings.Remediation;
import dev.bucketwarden.store.settings.StaticBucketSettingsProvider;
import dev.bucketwarden.store.tags.TagSchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bucket settings from {@code bucketwarden.buckets} or the console's settings table.
 */
class BucketSettingsAutoConfigurationTests {

	private final ApplicationContextRunner runner = AgentCoreAutoConfigurations.runner();

	@Test
	void shouldBindBucketDefaultsAndOverrides() {
		this.runner
			.withPropertyValues("bucketwarden.buckets.defaults.remediation=QUARANTINE",
					"bucketwarden.buckets.defaults.quarantine-bucket=quarantine",
					"bucketwarden.buckets.overrides.legacy.tag-schema=GUARDDUTY",
					"bucketwarden.buckets.overrides.legacy.remediation=KEEP")
			.run((context) -> {
				BucketSettingsProvider settings = context.getBean(BucketSettingsProvider.class);
				assertThat(settings.forBucket("uploads").remediation()).isEqualTo(Remediation.QUARANTINE);
				assertThat(settings.forBucket("legacy").tagSchema()).isEqualTo(TagSchema.GUARDDUTY);
				assertThat(settings.forBucket("legacy").remediation()).isEqualTo(Remediation.KEEP);
				assertThat(settings.quarantineBuckets()).containsExactly("quarantine");
			});
	}

	@Test
	void shouldRefuseQuarantineWithoutAQuarantineBucket() {
		this.runner.withPropertyValues("bucketwarden.buckets.defaults.remediation=QUARANTINE")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void shouldReadSettingsFromTheConsoleTableWhenOneIsNamed() {
		this.runner.withPropertyValues("bucketwarden.settings.table=bucketwarden-settings")
			.run((context) -> assertThat(context.getBean(BucketSettingsProvider.class))
				.isInstanceOf(DynamoDbBucketSettingsProvider.class));
		this.runner.run((context) -> assertThat(context.getBean(BucketSettingsProvider.class))
			.isInstanceOf(StaticBucketSettingsProvider.class));
	}

	@Test
	void shouldRefuseARefreshIntervalOverItsBound() {
		this.runner.withPropertyValues("bucketwarden.settings.table=t", "bucketwarden.settings.refresh-interval=10m")
			.run((context) -> assertThat(context).hasFailed());
	}

}
