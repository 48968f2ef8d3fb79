package dev.bucketwarden.agent.config;

import java.net.URI;
import java.util.List;

import io.awspring.cloud.autoconfigure.AwsSyncClientCustomizer;
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

import dev.bucketwarden.agent.usage.UsageCounter;
import dev.bucketwarden.agent.usage.UsageRollupWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every client of an agent, those Spring Cloud AWS builds and those the agents build,
 * feeds the usage roll-ups unless they are switched off; the settings are validated.
 */
class UsageAutoConfigurationTests {

	/** Its last write at shutdown goes nowhere: nothing listens on port 9. */
	private final ApplicationContextRunner runner = AgentCoreAutoConfigurations.runner()
		.withPropertyValues("bucketwarden.usage.enabled=true", "spring.application.name=event-agent",
				"bucketwarden.usage.flush-interval=30m", "spring.cloud.aws.dynamodb.endpoint=http://127.0.0.1:9");

	@Test
	void shouldCountTheRequestsOfEveryClient() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(UsageRollupWriter.class);
			assertThat(context.getBean(UsageRollupWriter.class).agent()).startsWith("event-agent/");
			for (Class<? extends SdkClient> type : List.of(S3Client.class, DynamoDbClient.class, SnsClient.class,
					SqsAsyncClient.class)) {
				assertThat(interceptors(context.getBean(type))).as(type.getSimpleName())
					.contains(context.getBean(UsageCounter.class));
			}
			EventBridgeClients events = new EventBridgeClients(URI.create("http://127.0.0.1:9"),
					context.getBeanProvider(AwsCredentialsProvider.class),
					context.getBeanProvider(AwsRegionProvider.class),
					context.getBeanProvider(AwsSyncClientCustomizer.class));
			assertThat(interceptors(events.get())).as("the EventBridge client we build")
				.contains(context.getBean(UsageCounter.class));
		});
	}

	@Test
	void shouldCountNothingWhenSwitchedOff() {
		this.runner.withPropertyValues("bucketwarden.usage.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(UsageRollupWriter.class).doesNotHaveBean(UsageCounter.class);
			assertThat(interceptors(context.getBean(S3Client.class))).noneMatch(UsageCounter.class::isInstance);
		});
	}

	@Test
	void shouldRefuseAFlushIntervalOrTaskSizeOutOfBounds() {
		this.runner.withPropertyValues("bucketwarden.usage.flush-interval=0s")
			.run((context) -> assertThat(context).hasFailed());
		this.runner.withPropertyValues("bucketwarden.usage.task-memory=100MB")
			.run((context) -> assertThat(context).hasFailed());
		this.runner.withPropertyValues("bucketwarden.usage.task-vcpu=0.1")
			.run((context) -> assertThat(context).hasFailed());
	}

	private static List<ExecutionInterceptor> interceptors(SdkClient client) {
		return client.serviceClientConfiguration().overrideConfiguration().executionInterceptors();
	}

}
