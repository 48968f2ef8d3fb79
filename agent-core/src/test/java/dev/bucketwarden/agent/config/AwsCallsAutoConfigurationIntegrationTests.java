package dev.bucketwarden.agent.config;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.aws.DynamoDbTables;
import dev.bucketwarden.local.dynamodb.DynamoDbLocalServer;
import dev.bucketwarden.local.elasticmq.ElasticMqServer;
import dev.bucketwarden.local.faults.FaultKind;
import dev.bucketwarden.local.faults.FaultProxy;
import dev.bucketwarden.local.junit.DynamoDbLocalExtension;
import dev.bucketwarden.local.junit.ElasticMqExtension;
import dev.bucketwarden.local.support.AwsEmulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bucketwarden.aws.attempt-timeout} on the agents' real clients: a response held
 * past it fails the attempt and the SDK's retry succeeds, and a long poll longer than it
 * still waits.
 */
@ExtendWith({ DynamoDbLocalExtension.class, ElasticMqExtension.class })
class AwsCallsAutoConfigurationIntegrationTests {

	/** Far above an attempt on a busy machine, far below the proxy's delay. */
	private static final String ATTEMPT_TIMEOUT = "bucketwarden.aws.attempt-timeout=1s";

	private static final Duration DELAY = Duration.ofSeconds(4);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AgentCoreAutoConfigurations.withAws())
		.withPropertyValues("spring.cloud.aws.region.static=" + AwsEmulator.REGION,
				"spring.cloud.aws.credentials.access-key=" + AwsEmulator.ACCESS_KEY_ID,
				"spring.cloud.aws.credentials.secret-key=" + AwsEmulator.SECRET_ACCESS_KEY,
				// the roll-ups' own PutItem at shutdown would pass the proxy too
				"bucketwarden.usage.enabled=false");

	@Test
	void shouldRetryAnAttemptWhoseResponseIsHeldPastTheAttemptTimeout(DynamoDbLocalServer server) {
		String table = "results-" + UUID.randomUUID();
		try (DynamoDbClient direct = AwsClients.dynamoDb(server);
				FaultProxy proxy = FaultProxy.start("dynamodb", server.endpoint(), DELAY, null)) {
			DynamoDbTables.createAndAwaitActive(direct,
					CreateTableRequest.builder()
						.tableName(table)
						.billingMode(BillingMode.PAY_PER_REQUEST)
						.attributeDefinitions((key) -> key.attributeName("id").attributeType(ScalarAttributeType.S))
						.keySchema((key) -> key.attributeName("id").keyType(KeyType.HASH))
						.build(),
					Duration.ofSeconds(30));
			proxy.arm("dynamodb:PutItem", FaultKind.DELAY_PAST_TIMEOUT, 1);

			this.runner.withPropertyValues(ATTEMPT_TIMEOUT, "spring.cloud.aws.dynamodb.endpoint=" + proxy.endpoint())
				.run((context) -> context.getBean(DynamoDbClient.class)
					.putItem((put) -> put.tableName(table).item(Map.of("id", AttributeValue.fromS("a")))));

			assertThat(proxy.injected()).singleElement()
				.satisfies((fault) -> assertThat(fault.kind()).isEqualTo(FaultKind.DELAY_PAST_TIMEOUT));
			// The held attempt, then the retry that succeeded.
			assertThat(proxy.requests("dynamodb:PutItem")).isEqualTo(2);
			assertThat(direct.getItem((get) -> get.tableName(table).key(Map.of("id", AttributeValue.fromS("a"))))
				.hasItem()).isTrue();
		}
	}

	@Test
	void shouldLetALongPollWaitLongerThanTheAttemptTimeout(ElasticMqServer server) {
		String queue;
		try (SqsClient direct = AwsClients.sqs(server)) {
			queue = direct.createQueue((create) -> create.queueName("scan-" + UUID.randomUUID())).queueUrl();
		}

		this.runner.withPropertyValues(ATTEMPT_TIMEOUT, "spring.cloud.aws.sqs.endpoint=" + server.endpoint())
			.run((context) -> assertThat(context.getBean(SqsAsyncClient.class)
				.receiveMessage((receive) -> receive.queueUrl(queue).waitTimeSeconds(2))
				.join()
				.messages()).isEmpty());
	}

}
