package dev.bucketwarden.agent.config;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.bucketwarden.agent.pipeline.ScanPipeline;
import dev.bucketwarden.engine.chain.ChainMember;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.clamav.ClamavEngine;
import dev.bucketwarden.engine.icap.IcapEngine;
import dev.bucketwarden.engine.sophos.SophosEngine;
import dev.bucketwarden.engine.spi.UnknownEngineException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine chain from {@code bucketwarden.chain} and {@code bucketwarden.engines.*}.
 */
class EngineChainAutoConfigurationTests {

	private final ApplicationContextRunner runner = AgentCoreAutoConfigurations.runner();

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
	void shouldBuildMembersInOrderWithTheirOwnRequirementAndTimeout() {
		this.runner
			.withPropertyValues("bucketwarden.chain.engines=premium,clamav",
					"bucketwarden.chain.members.premium.required=false",
					"bucketwarden.chain.members.premium.timeout=30s", "bucketwarden.chain.engine-timeout=2m")
			.run((context) -> {
				assertThat(context.getBean(EngineChain.class).members()).satisfiesExactly((premium) -> {
					assertThat(premium.engine().id()).isEqualTo("premium");
					assertThat(premium.required()).isFalse();
					assertThat(premium.timeout()).isEqualTo(Duration.ofSeconds(30));
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
