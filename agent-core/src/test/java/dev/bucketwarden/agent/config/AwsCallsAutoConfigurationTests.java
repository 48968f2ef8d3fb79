package dev.bucketwarden.agent.config;

import java.net.URI;
import java.util.List;

import io.awspring.cloud.autoconfigure.AwsSyncClientCustomizer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.bucketwarden.agent.awscalls.AwsRequestCounter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Cloud AWS's clients count their requests when the agent has a meter registry,
 * and only then.
 */
class AwsCallsAutoConfigurationTests {

	private final ApplicationContextRunner runner = AgentCoreAutoConfigurations.runner();

	@Test
	void shouldCountTheRequestsOfEveryClientWhenTheAgentHasAMeterRegistry() {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			for (Class<? extends SdkClient> type : List.of(S3Client.class, DynamoDbClient.class, SnsClient.class,
					SqsAsyncClient.class)) {
				assertThat(interceptors(context.getBean(type))).as(type.getSimpleName())
					.hasAtLeastOneElementOfType(AwsRequestCounter.class);
			}
			EventBridgeClients events = new EventBridgeClients(URI.create("http://127.0.0.1:9"),
					context.getBeanProvider(AwsCredentialsProvider.class),
					context.getBeanProvider(AwsRegionProvider.class),
					context.getBeanProvider(AwsSyncClientCustomizer.class));
			assertThat(interceptors(events.get())).as("the EventBridge client we build")
				.hasAtLeastOneElementOfType(AwsRequestCounter.class);
		});
	}

	@Test
	void shouldCountNothingWithoutAMeterRegistry() {
		this.runner.run((context) -> assertThat(interceptors(context.getBean(S3Client.class)))
			.noneMatch(AwsRequestCounter.class::isInstance));
	}

	private static List<ExecutionInterceptor> interceptors(SdkClient client) {
		return client.serviceClientConfiguration().overrideConfiguration().executionInterceptors();
	}

}
