package dev.bucketwarden.agent.config;

import java.net.URI;
import java.time.Duration;
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

import dev.bucketwarden.agent.awscalls.AwsAttemptTimeout;
import dev.bucketwarden.agent.awscalls.AwsRequestCounter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Cloud AWS's clients count their requests when the agent has a meter registry,
 * and only then; they bound each attempt when an attempt timeout is set, and only then.
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

	@Test
	void shouldBoundEveryAttemptOfEveryClientAndKeepCountingWhenAnAttemptTimeoutIsSet() {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("bucketwarden.aws.attempt-timeout=2s")
			.run((context) -> {
				EventBridgeClients events = new EventBridgeClients(URI.create("http://127.0.0.1:9"),
						context.getBeanProvider(AwsCredentialsProvider.class),
						context.getBeanProvider(AwsRegionProvider.class),
						context.getBeanProvider(AwsSyncClientCustomizer.class));
				for (SdkClient client : List.of(context.getBean(S3Client.class), context.getBean(DynamoDbClient.class),
						context.getBean(SnsClient.class), context.getBean(SqsAsyncClient.class), events.get())) {
					assertThat(client.serviceClientConfiguration().overrideConfiguration().apiCallAttemptTimeout())
						.as(client.serviceName())
						.contains(Duration.ofSeconds(2));
					assertThat(interceptors(client)).as(client.serviceName())
						.hasAtLeastOneElementOfType(AwsRequestCounter.class)
						.hasAtLeastOneElementOfType(AwsAttemptTimeout.class);
				}
			});
	}

	@Test
	void shouldLeaveTheSdkDefaultWithoutAnAttemptTimeout() {
		this.runner.run((context) -> {
			assertThat(context.getBean(S3Client.class)
				.serviceClientConfiguration()
				.overrideConfiguration()
				.apiCallAttemptTimeout()).isEmpty();
			assertThat(interceptors(context.getBean(SqsAsyncClient.class)))
				.noneMatch(AwsAttemptTimeout.class::isInstance);
		});
	}

	@Test
	void shouldRefuseAnAttemptTimeoutThatIsNotPositive() {
		this.runner.withPropertyValues("bucketwarden.aws.attempt-timeout=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("bucketwarden.aws.attempt-timeout must be positive"));
	}

	private static List<ExecutionInterceptor> interceptors(SdkClient client) {
		return client.serviceClientConfiguration().overrideConfiguration().executionInterceptors();
	}

}
