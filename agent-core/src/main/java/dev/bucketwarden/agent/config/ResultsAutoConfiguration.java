package dev.bucketwarden.agent.config;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.bucketwarden.store.results.DynamoDbResultStore;
import dev.bucketwarden.store.results.ResultStore;

/**
 * Scan records in DynamoDB ({@code bucketwarden.results}), each saying which region's
 * agent scanned it.
 */
@AutoConfiguration(afterName = "io.awspring.cloud.autoconfigure.dynamodb.DynamoDbAutoConfiguration")
@EnableConfigurationProperties(ResultsProperties.class)
public class ResultsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ResultStore resultStore(DynamoDbClient dynamo, ResultsProperties results, Environment environment) {
		return new DynamoDbResultStore(dynamo, results.table(), region(results, environment));
	}

	/**
	 * The configured region, else the agent's AWS region as Spring Cloud AWS takes it,
	 * else AWS's own variable; none (a test without AWS settings) records no region.
	 */
	static String region(ResultsProperties results, Environment environment) {
		if (results.region() != null) {
			return results.region();
		}
		String region = environment.getProperty("spring.cloud.aws.region.static");
		return (region != null && !region.isBlank()) ? region : environment.getProperty("AWS_REGION");
	}

}
