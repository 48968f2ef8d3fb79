package dev.bucketwarden.agent.config;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.bucketwarden.agent.pipeline.ChainSelector;
import dev.bucketwarden.engine.chain.ChainMember;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.spi.EngineSettings;
import dev.bucketwarden.engine.spi.ScanEngineProvider;
import dev.bucketwarden.engine.spi.ScanEngineRegistry;

/**
 * The engines and their chain, from {@code bucketwarden.chain} and
 * {@code bucketwarden.engines.*}; an unknown engine id fails the start.
 */
@AutoConfiguration
@EnableConfigurationProperties({ ChainProperties.class, EngineProperties.class })
public class EngineChainAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(EngineChainAutoConfiguration.class);

	/**
	 * ServiceLoader's providers, and those declared as beans, which win over
	 * ServiceLoader's of the same id, so tests and agents can add or replace engines.
	 */
	@Bean
	@ConditionalOnMissingBean
	ScanEngineRegistry scanEngineRegistry(List<ScanEngineProvider> beans) {
		Map<String, ScanEngineProvider> byId = new TreeMap<>();
		ScanEngineRegistry loaded = ScanEngineRegistry.load();
		loaded.ids().forEach((id) -> byId.put(id, loaded.provider(id)));
		beans.forEach((provider) -> byId.put(provider.id(), provider));
		return ScanEngineRegistry.of(byId.values());
	}

	@Bean
	@ConditionalOnMissingBean
	EngineChain engineChain(ScanEngineRegistry registry, ChainProperties chain, EngineProperties engines) {
		EngineChain.Builder builder = EngineChain.builder().policy(chain.policy());
		if (chain.spoolDirectory() != null) {
			builder.spoolDirectory(chain.spoolDirectory());
		}
		for (ChainProperties.Entry entry : chain.chain()) {
			builder.member(new ChainMember(registry.create(entry.id(), settings(engines, entry.id())), entry.required(),
					entry.timeout()));
		}
		EngineChain built = builder.build();
		logger.info("Engine chain: {}, {}, engine timeout {}", chain.chain(), chain.policy(), chain.engineTimeout());
		return built;
	}

	/**
	 * The chain per bucket: the engines a bucket's settings name, out of the configured
	 * chain's (sharing its engines).
	 */
	@Bean
	@ConditionalOnMissingBean
	ChainSelector chainSelector(EngineChain chain) {
		return new ChainSelector(chain);
	}

	private static EngineSettings settings(EngineProperties engines, String id) {
		return EngineSettings.of(engines.engines().getOrDefault(id, Map.of()));
	}

}
