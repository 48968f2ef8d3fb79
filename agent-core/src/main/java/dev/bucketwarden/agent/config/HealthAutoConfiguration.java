package dev.bucketwarden.agent.config;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.bucketwarden.agent.health.EngineHealth;
import dev.bucketwarden.agent.health.EnginesHealthIndicator;
import dev.bucketwarden.agent.health.HealthProperties;
import dev.bucketwarden.engine.chain.EngineChain;

/**
 * The engines' health ({@code bucketwarden.health}), and its health indicator where
 * Spring Boot's health support is on the classpath.
 */
@AutoConfiguration(after = EngineChainAutoConfiguration.class)
@EnableConfigurationProperties(HealthProperties.class)
public class HealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EngineHealth engineHealth(EngineChain chain, HealthProperties health, Clock clock) {
		return new EngineHealth(chain, health.signatureMaxAge(), health.cache(), clock);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	static class EngineHealthIndicatorConfiguration {

		/** Named {@code engines}: agents put it in their readiness group. */
		@Bean(name = "engines")
		@ConditionalOnMissingBean(name = "engines")
		EnginesHealthIndicator enginesHealthIndicator(EngineHealth health) {
			return new EnginesHealthIndicator(health);
		}

	}

}
