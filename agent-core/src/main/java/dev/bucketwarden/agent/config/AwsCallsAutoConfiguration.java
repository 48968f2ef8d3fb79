package dev.bucketwarden.agent.config;

import java.time.Duration;

import io.awspring.cloud.autoconfigure.AwsAsyncClientCustomizer;
import io.awspring.cloud.autoconfigure.AwsSyncClientCustomizer;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.client.builder.SdkClientBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.bucketwarden.agent.awscalls.AwsAttemptTimeout;
import dev.bucketwarden.agent.awscalls.AwsRequestCounter;

/**
 * How every AWS client of an agent calls AWS: each attempt bounded by
 * {@code bucketwarden.aws.attempt-timeout} ({@link AwsAttemptTimeout}) when it is set,
 * and requests counted ({@link AwsRequestCounter}) when the agent has a meter registry
 * (Spring Boot's actuator). Spring Cloud AWS applies these customizers to each sync and
 * async client it builds (S3, DynamoDB, SNS, SQS); the clients agents build themselves
 * (EventBridge, the retro agent's SQS and ECS) apply the same beans, so no client is left
 * out.
 */
@AutoConfiguration
@EnableConfigurationProperties(AwsCallsProperties.class)
public class AwsCallsAutoConfiguration {

	@Bean
	AwsSyncClientCustomizer awsAttemptTimeoutSyncClients(AwsCallsProperties properties) {
		return (builder) -> limit(builder, properties.attemptTimeout());
	}

	@Bean
	AwsAsyncClientCustomizer awsAttemptTimeoutAsyncClients(AwsCallsProperties properties) {
		return (builder) -> limit(builder, properties.attemptTimeout());
	}

	/** The sync and async builder types are mixins; every client builder is both. */
	private static void limit(Object builder, @Nullable Duration attemptTimeout) {
		if (attemptTimeout != null && builder instanceof SdkClientBuilder<?, ?> client) {
			new AwsAttemptTimeout(attemptTimeout).addTo(client);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class RequestCounting {

		@Bean
		AwsSyncClientCustomizer awsRequestCountingSyncClients(ObjectProvider<MeterRegistry> meters) {
			return (builder) -> count(builder, meters);
		}

		@Bean
		AwsAsyncClientCustomizer awsRequestCountingAsyncClients(ObjectProvider<MeterRegistry> meters) {
			return (builder) -> count(builder, meters);
		}

		private static void count(Object builder, ObjectProvider<MeterRegistry> meters) {
			if (builder instanceof SdkClientBuilder<?, ?> client) {
				meters.ifAvailable((registry) -> new AwsRequestCounter(registry).addTo(client));
			}
		}

	}

}
