package dev.bucketwarden.agent.config;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.bucketwarden.agent.large.LargeObjectPlanner;
import dev.bucketwarden.agent.large.PartQueue;
import dev.bucketwarden.agent.large.PartScanner;
import dev.bucketwarden.agent.large.SqsPartQueue;
import dev.bucketwarden.agent.large.WindowScanner;
import dev.bucketwarden.agent.pipeline.LargeObjectJobs;
import dev.bucketwarden.agent.storage.ObjectStore;
import dev.bucketwarden.store.large.DynamoDbLargeScanJobs;

/**
 * Large-object jobs ({@code bucketwarden.large-objects}) when a large-object queue is
 * configured: the job items in the results table, the queue, the planner (every object in
 * windows unless another {@link LargeObjectPlanner} bean is there) and the part scanner
 * ({@link WindowScanner} unless another {@link PartScanner} bean is there).
 */
@AutoConfiguration(after = { StorageAutoConfiguration.class, ResultsAutoConfiguration.class },
		afterName = { "io.awspring.cloud.autoconfigure.sqs.SqsAutoConfiguration",
				"io.awspring.cloud.autoconfigure.dynamodb.DynamoDbAutoConfiguration" })
@EnableConfigurationProperties(LargeObjectsProperties.class)
@ConditionalOnExpression("'${bucketwarden.large-objects.queue-url:}' != ''")
public class LargeObjectsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LargeObjectPlanner largeObjectPlanner() {
		return LargeObjectPlanner.windows();
	}

	@Bean
	@ConditionalOnMissingBean
	PartScanner partScanner(ObjectStore store) {
		return new WindowScanner(store);
	}

	@Bean
	@ConditionalOnMissingBean
	PartQueue partQueue(SqsAsyncClient sqs, LargeObjectsProperties properties) {
		return new SqsPartQueue(sqs, properties.queueUrl());
	}

	@Bean
	@ConditionalOnMissingBean
	LargeObjectJobs largeObjectJobs(DynamoDbClient dynamo, ResultsProperties results, PartQueue queue,
			LargeObjectPlanner planner, PartScanner scanner, LargeObjectsProperties properties) {
		return new LargeObjectJobs(new DynamoDbLargeScanJobs(dynamo, results.table()), queue, planner, scanner,
				(properties.window() != null) ? properties.window().toBytes() : 0, properties.overlap().toBytes(),
				properties.takeoverAfter());
	}

}
