package dev.bucketwarden.agent.config;

import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.dynamodb.DynamoDbAutoConfiguration;
import io.awspring.cloud.autoconfigure.s3.S3AutoConfiguration;
import io.awspring.cloud.autoconfigure.sns.SnsAutoConfiguration;
import io.awspring.cloud.autoconfigure.sqs.SqsAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.bucketwarden.agent.findings.CompositeFindingPublisher;
import dev.bucketwarden.agent.findings.FindingPublisher;
import dev.bucketwarden.agent.pipeline.ScanPipeline;
import dev.bucketwarden.engine.chain.ChainMember;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.clamav.ClamavEngine;
import dev.bucketwarden.engine.icap.IcapEngine;
import dev.bucketwarden.engine.sophos.SophosEngine;
import dev.bucketwarden.engine.spi.UnknownEngineException;
import dev.bucketwarden.store.settings.BucketSettingsProvider;
import dev.bucketwarden.store.settings.DynamoDbBucketSettingsProvider;
import dev.bucketwarden.store.settings.Remediation;
import dev.bucketwarden.store.settings.StaticBucketSettingsProvider;
import dev.bucketwarden.store.tags.TagSchema;

import static org.assertj.core.api.Assertions.assertThat;

class AgentCoreAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AwsAutoConfiguration.class, CredentialsProviderAutoConfiguration.class,
				RegionProviderAutoConfiguration.class, S3AutoConfiguration.class, DynamoDbAutoConfiguration.class,
				SnsAutoConfiguration.class, SqsAutoConfiguration.class, AgentCoreAutoConfiguration.class))
		.withPropertyValues("spring.cloud.aws.region.static=eu-west-1", "spring.cloud.aws.credentials.access-key=test",
				"spring.cloud.aws.credentials.secret-key=test");

	@Test
	void shouldBuildTheChainFromPropertiesWithEngineSettings() {
		this.runner
			.withPropertyValues("bucketwarden.engines.clamav.port=3399", "bucketwarden.engines.clamav.socket=",
					"bucketwarden.chain.policy=RUN_ALL")
			.run((context) -> {
				assertThat(context).hasSingleBean(ScanPipeline.class);
				EngineChain chain = context.getBean(EngineChain.class);
				assertThat(chain.members()).singleElement().satisfies((member) -> {
					assertThat(member.required()).isTrue();
					assertThat(((ClamavEngine) member.engine()).settings().port()).isEqualTo(3399);
				});
			});
	}

	@Test
	void shouldAddOptionalEnginesAfterRequiredOnes() {
		this.runner.withPropertyValues("bucketwarden.chain.optional-engines=premium").run((context) -> {
			assertThat(context.getBean(EngineChain.class).members()).extracting(ChainMember::required)
				.containsExactly(true, false);
		});
	}

	@Test
	void shouldBuildTheSophosAndIcapEnginesFoundOnTheClasspath() {
		this.runner
			.withPropertyValues("bucketwarden.chain.engines=clamav,icap", "bucketwarden.chain.optional-engines=sophos",
					"bucketwarden.engines.icap.host=icap.internal", "bucketwarden.engines.icap.service=SYMCScanResp-AV",
					"bucketwarden.engines.sophos.socket=/run/savdi/sssp.sock")
			.run((context) -> {
				EngineChain chain = context.getBean(EngineChain.class);
				assertThat(chain.members()).extracting((member) -> member.engine().id())
					.containsExactly("clamav", "icap", "sophos");
				assertThat(((IcapEngine) chain.members().get(1).engine()).settings().uri())
					.isEqualTo("icap://icap.internal:1344/SYMCScanResp-AV");
				assertThat(((SophosEngine) chain.members().get(2).engine()).settings().endpoint())
					.isEqualTo("unix:/run/savdi/sssp.sock");
			});
	}

	@Test
	void shouldFailFastOnAnUnknownEngine() {
		this.runner.withPropertyValues("bucketwarden.chain.engines=clamav,sophso").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(UnknownEngineException.class)
				.hasMessageContaining("sophso");
		});
	}

	@Test
	void shouldPublishToEveryConfiguredSink() {
		this.runner
			.withPropertyValues("bucketwarden.store.findings-topic-arn=arn:aws:sns:eu-west-1:123456789012:findings",
					"bucketwarden.store.findings-event-bus=default",
					"bucketwarden.store.findings-queue-url=http://127.0.0.1:9/000000000000/findings",
					"bucketwarden.store.findings-webhook-url=http://127.0.0.1:9/hook")
			.run((context) -> assertThat(((CompositeFindingPublisher) context.getBean(FindingPublisher.class)).size())
				.isEqualTo(4));
		this.runner.withPropertyValues("bucketwarden.settings.table=bucketwarden-settings")
			.run((context) -> assertThat(((CompositeFindingPublisher) context.getBean(FindingPublisher.class)).size())
				.as("the console's integrations")
				.isEqualTo(1));
		this.runner
			.run((context) -> assertThat(((CompositeFindingPublisher) context.getBean(FindingPublisher.class)).size())
				.isZero());
	}

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

	@Test
	void shouldBuildMembersInOrderWithTheirOwnRequirementAndTimeout() {
		this.runner
			.withPropertyValues("bucketwarden.chain.engines=premium,clamav",
					"bucketwarden.chain.members.premium.required=false",
					"bucketwarden.chain.members.premium.timeout=30s", "bucketwarden.chain.engine-timeout=2m")
			.run((context) -> {
				assertThat(context.getBean(EngineChain.class).members()).satisfiesExactly((premium) -> {
					assertThat(premium.engine().id()).isEqualTo("premium");
					assertThat(premium.required()).isFalse();
					assertThat(premium.timeout()).isEqualTo(java.time.Duration.ofSeconds(30));
				}, (clamav) -> {
					assertThat(clamav.engine().id()).isEqualTo("clamav");
					assertThat(clamav.required()).isTrue();
					assertThat(clamav.timeout()).isNull();
				});
			});
	}

	@Test
	void shouldRefuseChainSettingsThatMakeNoSense() {
		this.runner
			.withPropertyValues("bucketwarden.chain.engines=clamav", "bucketwarden.chain.members.icap.timeout=5s")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("icap"));
		this.runner
			.withPropertyValues("bucketwarden.chain.engines=clamav", "bucketwarden.chain.members.clamav.required=false")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("at least one required engine"));
		this.runner.withPropertyValues("bucketwarden.chain.engines=clamav,premium,clamav")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("twice"));
		this.runner.withPropertyValues("bucketwarden.chain.members.clamav.timeout=0s")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void shouldPassDottedEngineKeysThroughAsOneKey() {
		this.runner.withPropertyValues("bucketwarden.engines.premium.buckets.my.bucket.blocked-macro=INFECTED")
			.run((context) -> assertThat(context.getBean(EngineProperties.class).engines().get("premium"))
				.containsEntry("buckets.my.bucket.blocked-macro", "INFECTED"));
	}

}
