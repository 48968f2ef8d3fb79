package dev.bucketwarden.agent.config;

import java.time.Clock;

import io.awspring.cloud.autoconfigure.AwsAsyncClientCustomizer;
import io.awspring.cloud.autoconfigure.AwsSyncClientCustomizer;
import software.amazon.awssdk.core.client.builder.SdkClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.bucketwarden.agent.usage.UsageCounter;
import dev.bucketwarden.agent.usage.UsageRollupWriter;
import dev.bucketwarden.store.usage.DynamoDbUsageTable;

/**
 * Usage roll-ups for every agent ({@code bucketwarden.usage}, on by default): the counter
 * joins each AWS client Spring Cloud AWS builds, and those the agents build themselves,
 * through the same customizers as the request metrics; the writer puts the hourly totals
 * in the results table.
 */
@AutoConfiguration(after = ResultsAutoConfiguration.class,
		afterName = "io.awspring.cloud.autoconfigure.dynamodb.DynamoDbAutoConfiguration")
@EnableConfigurationProperties({ UsageProperties.class, ResultsProperties.class })
@ConditionalOnProperty(name = "bucketwarden.usage.enabled", matchIfMissing = true)
public class UsageAutoConfiguration {

	@Bean
	UsageCounter usageCounter(ObjectProvider<Clock> clock) {
		return new UsageCounter(clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	AwsSyncClientCustomizer usageCountingSyncClients(UsageCounter counter) {
		return (builder) -> count(builder, counter);
	}

	@Bean
	AwsAsyncClientCustomizer usageCountingAsyncClients(UsageCounter counter) {
		return (builder) -> count(builder, counter);
	}

	@Bean
	UsageRollupWriter usageRollupWriter(UsageCounter counter, DynamoDbClient dynamo, ResultsProperties results,
			UsageProperties usage, ObjectProvider<Clock> clock, Environment environment) {
		return new UsageRollupWriter(counter, new DynamoDbUsageTable(dynamo, results.table()),
				clock.getIfAvailable(Clock::systemUTC), environment.getProperty("spring.application.name", "agent"),
				usage.taskVcpu(), usage.taskMemoryGb(), usage.flushInterval());
	}

	/** The sync and async builder types are mixins; every client builder is both. */
	private static void count(Object builder, UsageCounter counter) {
		if (builder instanceof SdkClientBuilder<?, ?> client) {
			counter.addTo(client);
		}
	}

}
