package dev.bucketwarden.apiagent.scan;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.bucketwarden.agent.config.ChainProperties;
import dev.bucketwarden.agent.findings.FindingPublisher;
import dev.bucketwarden.agent.pipeline.ChainSelector;
import dev.bucketwarden.agent.pipeline.ContentScan;
import dev.bucketwarden.store.results.ResultStore;
import dev.bucketwarden.store.settings.BucketSettingsProvider;

/**
 * The pipeline's scan of content that is not an S3 object yet, on the pipeline's own
 * beans. Declared here, not in the agents' auto-configuration: only this agent scans
 * bodies.
 */
@Configuration(proxyBeanMethods = false)
class ScanConfiguration {

	@Bean
	ContentScan contentScan(ChainSelector chains, BucketSettingsProvider settings, ResultStore results,
			FindingPublisher publisher, ChainProperties chain, Clock clock) {
		return new ContentScan(chains, settings, results, publisher, chain.engineTimeout(), clock);
	}

}
