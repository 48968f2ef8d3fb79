package dev.bucketwarden.local.aws;

import java.time.Duration;

import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Creates tables and waits until they are ACTIVE: callers describe their tables with the
 * SDK, as the product's own code will.
 */
public final class DynamoDbTables {

	private static final Duration POLL = Duration.ofMillis(100);

	private DynamoDbTables() {
	}

	/**
	 * Creates the table and returns once it is ACTIVE, or fails after {@code timeout}.
	 */
	public static TableDescription createAndAwaitActive(DynamoDbClient dynamoDb, CreateTableRequest request,
			Duration timeout) {
		dynamoDb.createTable(request);
		WaiterOverrideConfiguration waiting = WaiterOverrideConfiguration.builder()
			.maxAttempts(Math.max(1, (int) (timeout.toMillis() / POLL.toMillis())))
			.backoffStrategy(FixedDelayBackoffStrategy.create(POLL))
			.waitTimeout(timeout)
			.build();
		return dynamoDb.waiter()
			.waitUntilTableExists(DescribeTableRequest.builder().tableName(request.tableName()).build(), waiting)
			.matched()
			.response()
			.orElseThrow(() -> new IllegalStateException("Table " + request.tableName() + " did not become ACTIVE"))
			.table();
	}

}
