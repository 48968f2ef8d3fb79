package dev.bucketwarden.agent.config;

import java.net.URI;

import io.awspring.cloud.autoconfigure.AwsSyncClientCustomizer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClientBuilder;

import org.springframework.beans.factory.ObjectProvider;

/**
 * One EventBridge client, made when first needed (the console may name a bus long after
 * start); Spring Cloud AWS has no EventBridge auto-configuration, so the client applies
 * the agent's sync client customizers itself (its requests are counted like the others').
 */
final class EventBridgeClients {

	private final URI endpoint;

	private final ObjectProvider<AwsCredentialsProvider> credentials;

	private final ObjectProvider<AwsRegionProvider> region;

	private final ObjectProvider<AwsSyncClientCustomizer> customizers;

	private EventBridgeClient client;

	EventBridgeClients(URI endpoint, ObjectProvider<AwsCredentialsProvider> credentials,
			ObjectProvider<AwsRegionProvider> region, ObjectProvider<AwsSyncClientCustomizer> customizers) {
		this.endpoint = endpoint;
		this.credentials = credentials;
		this.region = region;
		this.customizers = customizers;
	}

	synchronized EventBridgeClient get() {
		if (this.client == null) {
			EventBridgeClientBuilder builder = EventBridgeClient.builder();
			this.credentials.ifAvailable(builder::credentialsProvider);
			this.region.ifAvailable((provider) -> builder.region(provider.getRegion()));
			if (this.endpoint != null) {
				builder.endpointOverride(this.endpoint);
			}
			this.customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			this.client = builder.build();
		}
		return this.client;
	}

}
