package dev.bucketwarden.local.faults;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.aws.DynamoDbTables;
import dev.bucketwarden.local.dynamodb.DynamoDbLocalServer;
import dev.bucketwarden.local.junit.DynamoDbLocalExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The proxy in front of DynamoDB Local: each fault on PutItem, through the SDK. */
@ExtendWith(DynamoDbLocalExtension.class)
class FaultProxyDynamoDbIntegrationTests {

	private static final Duration DELAY = Duration.ofSeconds(3);

	private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(1);

	private static DynamoDbClient direct;

	private final String table = "results-" + UUID.randomUUID();

	private FaultProxy proxy;

	@BeforeAll
	static void connect(DynamoDbLocalServer server) {
		direct = AwsClients.dynamoDb(server);
	}

	@AfterAll
	static void disconnect() {
		direct.close();
	}

	@BeforeEach
	void start(DynamoDbLocalServer server) {
		this.proxy = FaultProxy.start("dynamodb", server.endpoint(), DELAY, null);
		DynamoDbTables.createAndAwaitActive(direct,
				CreateTableRequest.builder()
					.tableName(this.table)
					.billingMode(BillingMode.PAY_PER_REQUEST)
					.attributeDefinitions((key) -> key.attributeName("id").attributeType(ScalarAttributeType.S))
					.keySchema((key) -> key.attributeName("id").keyType(KeyType.HASH))
					.build(),
				Duration.ofSeconds(30));
	}

	@AfterEach
	void stop() {
		this.proxy.close();
	}

	@ParameterizedTest
	@EnumSource(FaultKind.class)
	void shouldFailThePutItemAttemptAsTheFaultSays(FaultKind kind) {
		this.proxy.arm("dynamodb:PutItem", kind, 1);
		try (DynamoDbClient dynamoDb = ProxiedClients.dynamoDb(this.proxy.endpoint(), false, ATTEMPT_TIMEOUT)) {
			switch (kind) {
				case SLOW_DOWN_503 -> assertThatExceptionOfType(DynamoDbException.class)
					.isThrownBy(() -> put(dynamoDb, "a"))
					.satisfies((ex) -> assertThat(ex.isThrottlingException()).isTrue())
					.satisfies((ex) -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException"));
				case INTERNAL_ERROR_500 -> assertThatExceptionOfType(DynamoDbException.class)
					.isThrownBy(() -> put(dynamoDb, "a"))
					.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(500))
					.satisfies((ex) -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("InternalServerError"));
				case RESET_MID_BODY ->
					assertThatExceptionOfType(SdkClientException.class).isThrownBy(() -> put(dynamoDb, "a"));
				case DELAY_PAST_TIMEOUT -> assertThatExceptionOfType(ApiCallAttemptTimeoutException.class)
					.isThrownBy(() -> put(dynamoDb, "a"));
			}
		}
		assertThat(this.proxy.injected()).singleElement()
			.satisfies((fault) -> assertThat(fault.operation()).hasToString("dynamodb:PutItem"));
		// Forwarded faults let DynamoDB do the work; the others never reached it.
		assertThat(direct.getItem((get) -> get.tableName(this.table).key(key("a"))).hasItem())
			.isEqualTo(kind.forwarded());
	}

	@ParameterizedTest
	@EnumSource(FaultKind.class)
	void shouldLetTheSdkRetrySucceedAfterOneFault(FaultKind kind) {
		this.proxy.arm("dynamodb:PutItem", kind, 1);
		try (DynamoDbClient dynamoDb = ProxiedClients.dynamoDb(this.proxy.endpoint(), true, ATTEMPT_TIMEOUT)) {
			put(dynamoDb, "b");
		}
		assertThat(this.proxy.requests("dynamodb:PutItem")).isEqualTo(2);
		assertThat(direct.getItem((get) -> get.tableName(this.table).key(key("b"))).hasItem()).isTrue();
	}

	private void put(DynamoDbClient dynamoDb, String id) {
		dynamoDb.putItem((put) -> put.tableName(this.table)
			.item(Map.of("id", AttributeValue.fromS(id), "result", AttributeValue.fromS("Clean"))));
	}

	private static Map<String, AttributeValue> key(String id) {
		return Map.of("id", AttributeValue.fromS(id));
	}

}
