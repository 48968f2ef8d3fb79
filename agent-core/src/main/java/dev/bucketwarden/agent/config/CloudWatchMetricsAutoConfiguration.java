package dev.bucketwarden.agent.config;

import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import io.awspring.cloud.autoconfigure.core.AwsConnectionDetails;
import io.awspring.cloud.autoconfigure.metrics.CloudWatchProperties;
import io.micrometer.cloudwatch2.CloudWatchMeterRegistry;
import io.micrometer.core.instrument.Clock;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClientBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.bucketwarden.agent.awscalls.AwsAttemptTimeout;
import dev.bucketwarden.agent.metrics.CloudWatchExport;
import dev.bucketwarden.agent.metrics.CloudWatchExportProperties;

/**
 * Sends the agents' meters to CloudWatch when
 * {@code bucketwarden.metrics.cloudwatch.enabled} is true ({@link CloudWatchExport}). The
 * registry is one more of the agent's registries, beside the actuator's: Spring Boot
 * composes them, so every meter goes to each. The client is built as Spring Cloud AWS
 * builds the other clients (region, credentials, {@code spring.cloud.aws.endpoint} or
 * {@code spring.cloud.aws.cloudwatch.endpoint}), bounded by
 * {@code bucketwarden.aws.attempt-timeout}; its requests are not counted in
 * {@code bucketwarden.aws.requests}, since that counter would need the registry this
 * client is being built for.
 */
@AutoConfiguration(beforeName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" },
		afterName = { "io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration",
				"io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration" })
@ConditionalOnClass({ CloudWatchMeterRegistry.class, CloudWatchAsyncClient.class })
@ConditionalOnProperty(name = "bucketwarden.metrics.cloudwatch.enabled", havingValue = "true")
@EnableConfigurationProperties({ CloudWatchExportProperties.class, CloudWatchProperties.class,
		AwsCallsProperties.class })
public class CloudWatchMetricsAutoConfiguration {

	@Bean(destroyMethod = "close")
	CloudWatchAsyncClient bucketwardenCloudWatchClient(AwsClientBuilderConfigurer configurer,
			CloudWatchProperties cloudWatch, ObjectProvider<AwsConnectionDetails> connectionDetails,
			AwsCallsProperties calls) {
		CloudWatchAsyncClientBuilder builder = configurer.configure(CloudWatchAsyncClient.builder(), cloudWatch,
				connectionDetails.getIfAvailable());
		if (calls.attemptTimeout() != null) {
			new AwsAttemptTimeout(calls.attemptTimeout()).addTo(builder);
		}
		return builder.build();
	}

	@Bean(destroyMethod = "close")
	CloudWatchMeterRegistry cloudWatchMeterRegistry(CloudWatchExportProperties properties,
			CloudWatchAsyncClient bucketwardenCloudWatchClient) {
		return CloudWatchExport.registry(properties, bucketwardenCloudWatchClient, Clock.SYSTEM);
	}

}
