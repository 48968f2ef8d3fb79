package dev.bucketwarden.agent.config;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.awspring.cloud.autoconfigure.AwsSyncClientCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.bucketwarden.agent.findings.CompositeFindingPublisher;
import dev.bucketwarden.agent.findings.ConsoleIntegrationsPublisher;
import dev.bucketwarden.agent.findings.EventBridgeFindingPublisher;
import dev.bucketwarden.agent.findings.FindingPublisher;
import dev.bucketwarden.agent.findings.IntegrationSinks;
import dev.bucketwarden.agent.findings.SecurityHubTarget;
import dev.bucketwarden.agent.findings.SnsFindingPublisher;
import dev.bucketwarden.agent.findings.SqsFindingPublisher;
import dev.bucketwarden.agent.findings.WebhookFindingPublisher;
import dev.bucketwarden.store.settings.DynamoDbSettingsTable;
import dev.bucketwarden.store.settings.StoredIntegrations;

/**
 * Findings to each sink of {@code bucketwarden.findings}, plus, when the settings table
 * is set, the integrations saved in the console.
 */
@AutoConfiguration(afterName = { "io.awspring.cloud.autoconfigure.dynamodb.DynamoDbAutoConfiguration",
		"io.awspring.cloud.autoconfigure.sns.SnsAutoConfiguration",
		"io.awspring.cloud.autoconfigure.sqs.SqsAutoConfiguration" })
@EnableConfigurationProperties({ FindingsProperties.class, SettingsProperties.class })
public class FindingsAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(FindingsAutoConfiguration.class);

	/**
	 * The configured sinks, plus the console's integrations (re-read like bucket
	 * settings, never publishing twice to a topic, bus or webhook the configuration
	 * already names).
	 */
	@Bean
	@ConditionalOnMissingBean
	FindingPublisher findingPublisher(FindingsProperties findings, SettingsProperties settings,
			ObjectProvider<SnsClient> sns, ObjectProvider<SqsAsyncClient> sqs, ObjectProvider<DynamoDbClient> dynamo,
			ObjectProvider<AwsCredentialsProvider> credentials, ObjectProvider<AwsRegionProvider> region,
			ObjectProvider<AwsSyncClientCustomizer> customizers, Clock clock) {
		EventBridgeClients events = new EventBridgeClients(findings.eventsEndpoint(), credentials, region, customizers);
		List<FindingPublisher> sinks = new ArrayList<>();
		if (findings.topicArn() != null) {
			sinks.add(new SnsFindingPublisher(sns.getObject(), findings.topicArn(), findings.batchLinger()));
		}
		if (findings.eventBus() != null) {
			sinks.add(new EventBridgeFindingPublisher(events.get(), findings.eventBus(), findings.batchLinger()));
		}
		if (findings.queueUrl() != null) {
			sinks.add(new SqsFindingPublisher(sqs.getObject(), findings.queueUrl(), findings.batchLinger()));
		}
		if (findings.webhookUrl() != null) {
			sinks.add(new WebhookFindingPublisher(findings.webhookUrl(), findings.webhookTimeout(),
					findings.webhookCleanResults(), findings.webhookAllowPrivateTargets()));
		}
		if (settings.table() != null && !settings.table().isBlank()) {
			logger.info("Findings also go to the console's integrations in table {} (checked every {})",
					settings.table(), settings.refreshInterval());
			sinks.add(new ConsoleIntegrationsPublisher(new DynamoDbSettingsTable(dynamo.getObject(), settings.table()),
					new IntegrationSinks(
							new StoredIntegrations(findings.topicArn(), findings.eventBus(),
									(findings.webhookUrl() != null) ? findings.webhookUrl().toString() : null),
							sns::getIfAvailable, events::get, findings.webhookTimeout(), findings.webhookCleanResults(),
							findings.webhookAllowPrivateTargets(), () -> securityHub(findings, credentials, region),
							clock),
					settings.refreshInterval(), clock));
		}
		else if (sinks.isEmpty()) {
			logger.warn("No findings sink configured (bucketwarden.findings.*): results are only recorded");
		}
		return new CompositeFindingPublisher(sinks);
	}

	/**
	 * This agent's Security Hub: its deployment's account (a setting, as the agents have
	 * no STS client) and its own region; {@code null} without an account.
	 */
	private static SecurityHubTarget securityHub(FindingsProperties findings,
			ObjectProvider<AwsCredentialsProvider> credentials, ObjectProvider<AwsRegionProvider> region) {
		if (findings.securityHubAccount() == null) {
			return null;
		}
		String regionId;
		try {
			regionId = region.getIfAvailable(DefaultAwsRegionProviderChain::new).getRegion().id();
		}
		catch (RuntimeException ex) {
			// Read when the console turns the toggle on: a missing region must not stop
			// the other sinks (nor scanning).
			logger.warn("The console's Security Hub integration is ignored: this agent's region is unknown ({})",
					ex.getMessage());
			return null;
		}
		AwsCredentialsProvider provider = credentials
			.getIfAvailable(() -> DefaultCredentialsProvider.builder().build());
		return new SecurityHubTarget(findings.securityHubEndpoint(), findings.securityHubPartition(), regionId,
				findings.securityHubAccount(), provider, findings.securityHubTimeout(),
				findings.securityHubWorkflowUpdates());
	}

}
