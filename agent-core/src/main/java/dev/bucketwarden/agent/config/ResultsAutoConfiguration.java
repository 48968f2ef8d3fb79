package dev.bucketwarden.agent.config;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.bucketwarden.store.results.DynamoDbResultStore;
import dev.bucketwarden.store.results.ResultStore;

/** Scan records in DynamoDB ({@code bucketwarden.results}). */
@AutoConfiguration(afterName = "io.awspring.cloud.autoconfigure.dynamodb.DynamoDbAutoConfiguration")
@EnableConfigurationProperties(ResultsProperties.class)
public class ResultsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ResultStore resultStore(DynamoDbClient dynamo, ResultsProperties results) {
		return new DynamoDbResultStore(dynamo, results.table());
	}

}
