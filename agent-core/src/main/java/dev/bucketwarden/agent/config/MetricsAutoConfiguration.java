package dev.bucketwarden.agent.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.bucketwarden.agent.health.EngineHealth;
import dev.bucketwarden.agent.metrics.EngineGauges;
import dev.bucketwarden.agent.metrics.QueueMeters;
import dev.bucketwarden.agent.metrics.RemediationMeters;
import dev.bucketwarden.agent.metrics.RetroMeters;
import dev.bucketwarden.agent.metrics.VerdictMeters;
import dev.bucketwarden.engine.chain.EngineChain;

/**
 * The agents' meters (docs/operations.md lists them), registered in the agent's meter
 * registry: Spring Boot's (the actuator's, with Prometheus and CloudWatch beside it when
 * they are on). An agent without one still gets the beans, counting into a registry that
 * keeps nothing, so no caller needs to ask whether metrics are on.
 */
@AutoConfiguration(after = HealthAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
public class MetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	VerdictMeters verdictMeters(ObjectProvider<MeterRegistry> registry) {
		return new VerdictMeters(registry(registry));
	}

	@Bean
	@ConditionalOnMissingBean
	RemediationMeters remediationMeters(ObjectProvider<MeterRegistry> registry) {
		return new RemediationMeters(registry(registry));
	}

	@Bean
	@ConditionalOnMissingBean
	QueueMeters queueMeters(ObjectProvider<MeterRegistry> registry) {
		return new QueueMeters(registry(registry));
	}

	@Bean
	@ConditionalOnMissingBean
	RetroMeters retroMeters(ObjectProvider<MeterRegistry> registry) {
		return new RetroMeters(registry(registry));
	}

	/** Bound by Spring Boot's metrics support to each registry it configures. */
	@Bean
	@ConditionalOnMissingBean
	EngineGauges engineGauges(EngineChain chain, EngineHealth health) {
		return new EngineGauges(chain, health);
	}

	/** The agent's registry, or one that keeps nothing (a composite of none). */
	private static MeterRegistry registry(ObjectProvider<MeterRegistry> registry) {
		return registry.getIfAvailable(CompositeMeterRegistry::new);
	}

}
