package dev.bucketwarden.agent.config;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.bucketwarden.agent.findings.FindingPublisher;
import dev.bucketwarden.agent.pipeline.ChainSelector;
import dev.bucketwarden.agent.pipeline.LargeObjectJobs;
import dev.bucketwarden.agent.pipeline.ScanObserver;
import dev.bucketwarden.agent.pipeline.ScanPipeline;
import dev.bucketwarden.agent.storage.ObjectStore;
import dev.bucketwarden.agent.trust.BucketProtection;
import dev.bucketwarden.agent.verdictlog.VerdictLog;
import dev.bucketwarden.store.results.ResultStore;
import dev.bucketwarden.store.settings.BucketSettingsProvider;

/**
 * The pipeline every agent scans through, from the parts the other agent-core
 * auto-configurations make, and the clock every time-dependent part reads. Every
 * {@link ScanObserver} bean (the meters, the verdict log) is told of each verdict.
 */
@AutoConfiguration(after = { EngineChainAutoConfiguration.class, StorageAutoConfiguration.class,
		ResultsAutoConfiguration.class, BucketSettingsAutoConfiguration.class, FindingsAutoConfiguration.class,
		TrustAutoConfiguration.class, LargeObjectsAutoConfiguration.class })
public class PipelineAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	@ConditionalOnMissingBean
	ScanPipeline scanPipeline(ObjectStore store, ChainSelector chains, ResultStore results, FindingPublisher publisher,
			BucketSettingsProvider settings, BucketProtection protection, ChainProperties chainProperties, Clock clock,
			ObjectProvider<ScanObserver> observers, ObjectProvider<LargeObjectJobs> large) {
		return new ScanPipeline(store, chains, results, publisher, settings, protection,
				chainProperties.engineTimeout(), clock, observers.orderedStream().toList(), large.getIfAvailable());
	}

	/** One JSON line per verdict, from every agent. */
	@Bean
	@ConditionalOnMissingBean
	VerdictLog verdictLog() {
		return new VerdictLog();
	}

}
