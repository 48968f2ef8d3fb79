package dev.bucketwarden.agent.findings;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sns.SnsClient;

import dev.bucketwarden.store.settings.StoredIntegrations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which of the console's integrations become extra sinks: none that the agent's own
 * configuration already names. No call is made, so the clients point nowhere.
 */
class IntegrationSinksTests {

	private static final StoredIntegrations CONFIGURED = new StoredIntegrations(
			"arn:aws:sns:eu-west-1:123456789012:findings", "findings-bus", "http://127.0.0.1:9/own");

	private final SnsClient sns = SnsClient.builder()
		.region(Region.EU_WEST_1)
		.credentialsProvider(AnonymousCredentialsProvider.create())
		.endpointOverride(URI.create("http://127.0.0.1:9"))
		.build();

	private final EventBridgeClient events = EventBridgeClient.builder()
		.region(Region.EU_WEST_1)
		.credentialsProvider(AnonymousCredentialsProvider.create())
		.endpointOverride(URI.create("http://127.0.0.1:9"))
		.build();

	@AfterEach
	void close() {
		this.sns.close();
		this.events.close();
	}

	@Test
	void shouldNotPublishTwiceToWhatTheConfigurationNames() {
		assertThat(sinks(() -> this.sns).apply(CONFIGURED)).isEmpty();
	}

	@Test
	void shouldAddEveryOtherIntegration() {
		StoredIntegrations other = new StoredIntegrations("arn:aws:sns:eu-west-1:123456789012:other", "other-bus",
				"http://127.0.0.1:9/console");

		assertThat(sinks(() -> this.sns).apply(other)).satisfiesExactly(
				(sink) -> assertThat(sink).isInstanceOf(SnsFindingPublisher.class),
				(sink) -> assertThat(sink).isInstanceOf(EventBridgeFindingPublisher.class),
				(sink) -> assertThat(((WebhookFindingPublisher) sink).url())
					.isEqualTo(URI.create("http://127.0.0.1:9/console")));
		assertThat(sinks(() -> this.sns).apply(StoredIntegrations.NONE)).isEmpty();
	}

	@Test
	void shouldSkipATopicWhenTheAgentHasNoSnsClient() {
		assertThat(
				sinks(() -> null).apply(new StoredIntegrations("arn:aws:sns:eu-west-1:123456789012:other", null, null)))
			.isEmpty();
	}

	@Test
	void shouldAddSecurityHubOnlyWhenTheToggleIsOnAndTheAccountKnown() {
		SecurityHubTarget target = new SecurityHubTarget(URI.create("http://127.0.0.1:9"), "aws", "eu-west-1",
				"123456789012", AnonymousCredentialsProvider.create(), Duration.ofSeconds(5), true);
		StoredIntegrations on = new StoredIntegrations(null, null, null,
				new StoredIntegrations.SecurityHub(true, false, false));
		StoredIntegrations off = new StoredIntegrations(null, null, null,
				new StoredIntegrations.SecurityHub(false, true, true));

		assertThat(withSecurityHub(() -> target).apply(on)).singleElement()
			.isInstanceOfSatisfying(SecurityHubFindingPublisher.class, (sink) -> assertThat(sink.productArn())
				.isEqualTo("arn:aws:securityhub:eu-west-1:123456789012:product/123456789012/default"));
		assertThat(withSecurityHub(() -> target).apply(off)).isEmpty();
		assertThat(withSecurityHub(() -> null).apply(on)).as("no account set by the deployment").isEmpty();
	}

	private IntegrationSinks withSecurityHub(java.util.function.Supplier<SecurityHubTarget> target) {
		return new IntegrationSinks(CONFIGURED, () -> this.sns, () -> this.events, Duration.ofSeconds(5), false, false,
				target, java.time.Clock.systemUTC());
	}

	private IntegrationSinks sinks(java.util.function.Supplier<SnsClient> sns) {
		return new IntegrationSinks(CONFIGURED, sns, () -> this.events, Duration.ofSeconds(5), false, false);
	}

}
