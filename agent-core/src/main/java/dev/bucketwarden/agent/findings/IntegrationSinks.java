package dev.bucketwarden.agent.findings;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sns.SnsClient;

import dev.bucketwarden.store.settings.StoredIntegrations;

/**
 * The publishers for the console's integrations, less the topic, bus or webhook the
 * agent's own configuration already publishes to (so nothing gets a finding twice).
 */
public class IntegrationSinks implements Function<StoredIntegrations, List<FindingPublisher>> {

	private static final Logger logger = LoggerFactory.getLogger(IntegrationSinks.class);

	private final StoredIntegrations configured;

	private final Supplier<SnsClient> sns;

	private final Supplier<EventBridgeClient> events;

	private final Duration webhookTimeout;

	private final boolean webhookCleanResults;

	private final boolean webhookAllowPrivateTargets;

	private final Supplier<SecurityHubTarget> securityHub;

	private final Clock clock;

	/**
	 * @param configured the sinks of the agent's own configuration
	 * @param sns the SNS client, or a supplier of {@code null} if the agent has none
	 * @param events the EventBridge client, asked for only when a bus is named
	 * @param webhookAllowPrivateTargets whether the webhook may be on a private address
	 */
	public IntegrationSinks(StoredIntegrations configured, Supplier<SnsClient> sns, Supplier<EventBridgeClient> events,
			Duration webhookTimeout, boolean webhookCleanResults, boolean webhookAllowPrivateTargets) {
		this(configured, sns, events, webhookTimeout, webhookCleanResults, webhookAllowPrivateTargets, () -> null,
				Clock.systemUTC());
	}

	/**
	 * @param securityHub this agent's Security Hub account and region, or a supplier of
	 * {@code null} when the deployment did not say them
	 */
	public IntegrationSinks(StoredIntegrations configured, Supplier<SnsClient> sns, Supplier<EventBridgeClient> events,
			Duration webhookTimeout, boolean webhookCleanResults, boolean webhookAllowPrivateTargets,
			Supplier<SecurityHubTarget> securityHub, Clock clock) {
		this.configured = configured;
		this.securityHub = securityHub;
		this.clock = clock;
		this.sns = sns;
		this.events = events;
		this.webhookTimeout = webhookTimeout;
		this.webhookCleanResults = webhookCleanResults;
		this.webhookAllowPrivateTargets = webhookAllowPrivateTargets;
	}

	@Override
	public List<FindingPublisher> apply(StoredIntegrations integrations) {
		List<FindingPublisher> sinks = new ArrayList<>();
		String topic = integrations.snsTopicArn();
		if (topic != null && !topic.equals(this.configured.snsTopicArn())) {
			SnsClient client = this.sns.get();
			if (client != null) {
				sinks.add(new SnsFindingPublisher(client, topic));
			}
			else {
				logger.warn("The console's SNS topic {} is ignored: this agent has no SNS client", topic);
			}
		}
		String bus = integrations.eventBus();
		if (bus != null && !bus.equals(this.configured.eventBus())) {
			sinks.add(new EventBridgeFindingPublisher(this.events.get(), bus));
		}
		String webhook = integrations.webhookUrl();
		if (webhook != null && !webhook.equals(this.configured.webhookUrl())) {
			sinks.add(new WebhookFindingPublisher(URI.create(webhook), this.webhookTimeout, this.webhookCleanResults,
					this.webhookAllowPrivateTargets));
		}
		if (integrations.securityHub().enabled()) {
			SecurityHubTarget target = this.securityHub.get();
			if (target != null) {
				sinks.add(target.publisher(integrations.securityHub(), this.clock));
			}
			else {
				logger.warn("The console's Security Hub integration is ignored: this agent's account is not set "
						+ "(bucketwarden.findings.security-hub-account)");
			}
		}
		return sinks;
	}

}
