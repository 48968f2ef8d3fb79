package dev.bucketwarden.agent.config;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.bucketwarden.store.settings.BucketSettingsProvider;
import dev.bucketwarden.store.settings.DynamoDbBucketSettingsProvider;
import dev.bucketwarden.store.settings.DynamoDbSettingsTable;
import dev.bucketwarden.store.settings.StaticBucketSettingsProvider;

/**
 * Protected buckets' settings: from the console's settings table when
 * {@code bucketwarden.settings.table} names one, else from {@code bucketwarden.buckets}
 * only.
 */
@AutoConfiguration(afterName = "io.awspring.cloud.autoconfigure.dynamodb.DynamoDbAutoConfiguration")
@EnableConfigurationProperties({ BucketsProperties.class, SettingsProperties.class })
public class BucketSettingsAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(BucketSettingsAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	BucketSettingsProvider bucketSettingsProvider(BucketsProperties buckets, SettingsProperties settings,
			ObjectProvider<DynamoDbClient> dynamo, Clock clock) {
		if (settings.table() != null && !settings.table().isBlank()) {
			logger.info("Bucket settings from DynamoDB table {} (checked every {}), defaults from configuration",
					settings.table(), settings.refreshInterval());
			return new DynamoDbBucketSettingsProvider(new DynamoDbSettingsTable(dynamo.getObject(), settings.table()),
					buckets.defaults(), settings.refreshInterval(), clock);
		}
		return new StaticBucketSettingsProvider(buckets.defaults(), buckets.overrides());
	}

}
