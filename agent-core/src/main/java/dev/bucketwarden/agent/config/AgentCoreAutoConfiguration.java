package dev.bucketwarden.agent.config;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.bucketwarden.agent.findings.CompositeFindingPublisher;
import dev.bucketwarden.agent.findings.ConsoleIntegrationsPublisher;
import dev.bucketwarden.agent.findings.EventBridgeFindingPublisher;
import dev.bucketwarden.agent.findings.FindingPublisher;
import dev.bucketwarden.agent.findings.IntegrationSinks;
import dev.bucketwarden.agent.findings.SnsFindingPublisher;
import dev.bucketwarden.agent.findings.SqsFindingPublisher;
import dev.bucketwarden.agent.findings.WebhookFindingPublisher;
import dev.bucketwarden.agent.health.EngineHealth;
import dev.bucketwarden.agent.health.EnginesHealthIndicator;
import dev.bucketwarden.agent.health.HealthProperties;
import dev.bucketwarden.agent.pipeline.ChainSelector;
import dev.bucketwarden.agent.pipeline.ScanPipeline;
import dev.bucketwarden.agent.storage.ObjectStore;
import dev.bucketwarden.agent.trust.BucketPatterns;
import dev.bucketwarden.agent.trust.BucketProtection;
import dev.bucketwarden.agent.trust.TrustProperties;
import dev.bucketwarden.engine.chain.ChainMember;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.spi.EngineSettings;
import dev.bucketwarden.engine.spi.ScanEngineProvider;
import dev.bucketwarden.engine.spi.ScanEngineRegistry;
import dev.bucketwarden.store.results.DynamoDbResultStore;
import dev.bucketwarden.store.results.ResultStore;
import dev.bucketwarden.store.settings.BucketSettingsProvider;
import dev.bucketwarden.store.settings.DynamoDbBucketSettingsProvider;
import dev.bucketwarden.store.settings.DynamoDbSettingsTable;
import dev.bucketwarden.store.settings.StaticBucketSettingsProvider;
import dev.bucketwarden.store.settings.StoredIntegrations;

/**
 * Wires the pipeline for any agent: the engine chain from {@code bucketwarden.chain} and
 * {@code bucketwarden.engines.*}, the object store on the S3 client, results in DynamoDB,
 * findings to each configured sink, bucket settings from configuration.
 */
@AutoConfiguration(afterName = { "io.awspring.cloud.autoconfigure.s3.S3AutoConfiguration",
		"io.awspring.cloud.autoconfigure.dynamodb.DynamoDbAutoConfiguration",
		"io.awspring.cloud.autoconfigure.sns.SnsAutoConfiguration",
		"io.awspring.cloud.autoconfigure.sqs.SqsAutoConfiguration" })
@EnableConfigurationProperties({ ChainProperties.class, EngineProperties.class, BucketsProperties.class,
		StoreProperties.class, SettingsProperties.class, HealthProperties.class, TrustProperties.class })
public class AgentCoreAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(AgentCoreAutoConfiguration.class);

	/**
	 * ServiceLoader's providers, and those declared as beans, which win over
	 * ServiceLoader's of the same id, so tests and agents can add or replace engines.
	 */
	@Bean
	@ConditionalOnMissingBean
	ScanEngineRegistry scanEngineRegistry(List<ScanEngineProvider> beans) {
		Map<String, ScanEngineProvider> byId = new java.util.TreeMap<>();
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

	@Bean
	@ConditionalOnMissingBean
	ObjectStore objectStore(S3Client s3, StoreProperties store) {
		return new ObjectStore(s3, store.multipartCopyThreshold().toBytes(), store.multipartCopyPartSize().toBytes());
	}

	@Bean
	@ConditionalOnMissingBean
	ResultStore resultStore(DynamoDbClient dynamo, StoreProperties store) {
		return new DynamoDbResultStore(dynamo, store.resultsTable());
	}

	@Bean
	@ConditionalOnMissingBean
	BucketSettingsProvider bucketSettingsProvider(BucketsProperties buckets, SettingsProperties settings,
			ObjectProvider<DynamoDbClient> dynamo, Clock clock) {
		if (settings.table() != null && !settings.table().isBlank()) {
			logger.info("Bucket settings from DynamoDB table {} (checked every {}), defaults from configuration",
					settings.table(), settings.refreshInterval());
			return new DynamoDbBucketSettingsProvider(new DynamoDbSettingsTable(dynamo.getObject(), settings.table()),
					buckets.defaults(), settings.refreshInterval(), clock);
		}
		return new StaticBucketSettingsProvider(buckets.defaults(), buckets.overrides());
	}

	/**
	 * The sinks of {@code bucketwarden.store.findings-*}, plus, when the settings table
	 * is set, the integrations saved in the console (re-read like bucket settings, never
	 * publishing twice to a topic, bus or webhook the configuration already names).
	 */
	@Bean
	@ConditionalOnMissingBean
	FindingPublisher findingPublisher(StoreProperties store, SettingsProperties settings, ObjectProvider<SnsClient> sns,
			ObjectProvider<SqsAsyncClient> sqs, ObjectProvider<DynamoDbClient> dynamo,
			ObjectProvider<AwsCredentialsProvider> credentials, ObjectProvider<AwsRegionProvider> region, Clock clock) {
		EventBridgeClients events = new EventBridgeClients(store, credentials, region);
		List<FindingPublisher> sinks = new ArrayList<>();
		if (store.findingsTopicArn() != null) {
			sinks.add(new SnsFindingPublisher(sns.getObject(), store.findingsTopicArn()));
		}
		if (store.findingsEventBus() != null) {
			sinks.add(new EventBridgeFindingPublisher(events.get(), store.findingsEventBus()));
		}
		if (store.findingsQueueUrl() != null) {
			sinks.add(new SqsFindingPublisher(sqs.getObject(), store.findingsQueueUrl()));
		}
		if (store.findingsWebhookUrl() != null) {
			sinks.add(new WebhookFindingPublisher(store.findingsWebhookUrl(), store.findingsWebhookTimeout(),
					store.findingsWebhookCleanResults(), store.findingsWebhookAllowPrivateTargets()));
		}
		if (settings.table() != null && !settings.table().isBlank()) {
			logger.info("Findings also go to the console's integrations in table {} (checked every {})",
					settings.table(), settings.refreshInterval());
			sinks.add(new ConsoleIntegrationsPublisher(new DynamoDbSettingsTable(dynamo.getObject(), settings.table()),
					new IntegrationSinks(
							new StoredIntegrations(store.findingsTopicArn(), store.findingsEventBus(),
									(store.findingsWebhookUrl() != null) ? store.findingsWebhookUrl().toString()
											: null),
							sns::getIfAvailable, events::get, store.findingsWebhookTimeout(),
							store.findingsWebhookCleanResults(), store.findingsWebhookAllowPrivateTargets()),
					settings.refreshInterval(), clock));
		}
		else if (sinks.isEmpty()) {
			logger.warn("No findings sink configured (bucketwarden.store.findings-*): results are only recorded");
		}
		return new CompositeFindingPublisher(sinks);
	}

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
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

	@Bean
	@ConditionalOnMissingBean
	ScanPipeline scanPipeline(ObjectStore store, ChainSelector chains, ResultStore results, FindingPublisher publisher,
			BucketSettingsProvider settings, TrustProperties trust, ChainProperties chainProperties, Clock clock) {
		return new ScanPipeline(store, chains, results, publisher, settings,
				new BucketProtection(BucketPatterns.of(trust.protectedBuckets()), settings),
				chainProperties.engineTimeout(), clock);
	}

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

	private static EngineSettings settings(EngineProperties engines, String id) {
		return EngineSettings.of(engines.engines().getOrDefault(id, Map.of()));
	}

	/**
	 * One EventBridge client, made when first needed (the console may name a bus long
	 * after start).
	 */
	private static final class EventBridgeClients {

		private final StoreProperties store;

		private final ObjectProvider<AwsCredentialsProvider> credentials;

		private final ObjectProvider<AwsRegionProvider> region;

		private EventBridgeClient client;

		EventBridgeClients(StoreProperties store, ObjectProvider<AwsCredentialsProvider> credentials,
				ObjectProvider<AwsRegionProvider> region) {
			this.store = store;
			this.credentials = credentials;
			this.region = region;
		}

		synchronized EventBridgeClient get() {
			if (this.client == null) {
				EventBridgeClientBuilder builder = EventBridgeClient.builder();
				this.credentials.ifAvailable(builder::credentialsProvider);
				this.region.ifAvailable((provider) -> builder.region(provider.getRegion()));
				if (this.store.eventsEndpoint() != null) {
					builder.endpointOverride(this.store.eventsEndpoint());
				}
				this.client = builder.build();
			}
			return this.client;
		}

	}

}
