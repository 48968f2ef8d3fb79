package dev.bucketwarden.agent.config;

import io.awspring.cloud.autoconfigure.AwsAsyncClientCustomizer;
import io.awspring.cloud.autoconfigure.AwsSyncClientCustomizer;
import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.core.client.builder.SdkClientBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

import dev.bucketwarden.agent.awscalls.AwsRequestCounter;

/**
 * Every AWS client of an agent counts its requests ({@link AwsRequestCounter}) when the
 * agent has a meter registry (Spring Boot's actuator). Spring Cloud AWS applies these
 * customizers to each sync and async client it builds (S3, DynamoDB, SNS, SQS); the
 * clients agents build themselves (EventBridge, the retro agent's SQS and ECS) apply the
 * same beans, so no client goes uncounted.
 */
@AutoConfiguration
@ConditionalOnClass(MeterRegistry.class)
public class AwsCallsAutoConfiguration {

	@Bean
	AwsSyncClientCustomizer awsRequestCountingSyncClients(ObjectProvider<MeterRegistry> meters) {
		return (builder) -> count(builder, meters);
	}

	@Bean
	AwsAsyncClientCustomizer awsRequestCountingAsyncClients(ObjectProvider<MeterRegistry> meters) {
		return (builder) -> count(builder, meters);
	}

	/** The sync and async builder types are mixins; every client builder is both. */
	private static void count(Object builder, ObjectProvider<MeterRegistry> meters) {
		if (builder instanceof SdkClientBuilder<?, ?> client) {
			meters.ifAvailable((registry) -> new AwsRequestCounter(registry).addTo(client));
		}
	}

}
