package dev.bucketwarden.console.config;

import java.time.Clock;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.bucketwarden.store.large.LargeJobProgressReader;
import dev.bucketwarden.store.results.DynamoDbResultStore;
import dev.bucketwarden.store.settings.DynamoDbSettingsTable;
import dev.bucketwarden.store.usage.DynamoDbUsageTable;

/**
 * The tables the console works on: the settings table it owns and the results table the
 * agents write ({@code bucketwarden.results.table}, as for the agents), with their usage
 * roll-ups.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ResultsTableProperties.class)
class StoreConfiguration {

	@Bean
	DynamoDbSettingsTable settingsTable(DynamoDbClient dynamo, ConsoleProperties properties) {
		return new DynamoDbSettingsTable(dynamo, properties.settingsTable());
	}

	@Bean
	DynamoDbResultStore resultStore(DynamoDbClient dynamo, ResultsTableProperties results) {
		return new DynamoDbResultStore(dynamo, results.table());
	}

	/** The agents' usage roll-ups, in the results table beside the records. */
	@Bean
	DynamoDbUsageTable usageTable(DynamoDbClient dynamo, ResultsTableProperties results) {
		return new DynamoDbUsageTable(dynamo, results.table());
	}

	/** The large-object jobs' progress, in the results table beside the records. */
	@Bean
	LargeJobProgressReader largeJobProgressReader(DynamoDbClient dynamo, ResultsTableProperties results) {
		return new LargeJobProgressReader(dynamo, results.table());
	}

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

}
