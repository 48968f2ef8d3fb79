package dev.bucketwarden.local.dynamodb;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import dev.bucketwarden.local.ListeningSockets;
import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.aws.DynamoDbTables;
import dev.bucketwarden.local.junit.DynamoDbLocalExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A results table as the product will have one (object key and version), through the AWS
 * SDK against DynamoDB Local.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class DynamoDbLocalServerIntegrationTests {

	private static DynamoDbClient dynamoDb;

	private final String table = "results-" + UUID.randomUUID();

	@BeforeAll
	static void connect(DynamoDbLocalServer server) {
		dynamoDb = AwsClients.dynamoDb(server);
	}

	@AfterAll
	static void disconnect() {
		dynamoDb.close();
	}

	@Test
	void shouldCreateATableAndWaitUntilItIsActive() {
		assertThat(createResultsTable().tableStatus()).isEqualTo(TableStatus.ACTIVE);
		assertThat(dynamoDb.listTables().tableNames()).contains(this.table);
	}

	@Test
	void shouldPutGetAndQueryItems() {
		createResultsTable();
		put("bucket/report.pdf", "v1", "Clean");
		put("bucket/report.pdf", "v2", "Infected");
		put("bucket/other.pdf", "v1", "Clean");

		Map<String, AttributeValue> item = dynamoDb
			.getItem((get) -> get.tableName(this.table)
				.key(Map.of("object", AttributeValue.fromS("bucket/report.pdf"), "version",
						AttributeValue.fromS("v2"))))
			.item();
		var versions = dynamoDb
			.query((query) -> query.tableName(this.table)
				.keyConditionExpression("#object = :object")
				.expressionAttributeNames(Map.of("#object", "object"))
				.expressionAttributeValues(Map.of(":object", AttributeValue.fromS("bucket/report.pdf"))))
			.items();

		assertThat(item.get("result").s()).isEqualTo("Infected");
		assertThat(versions).extracting((found) -> found.get("version").s()).containsExactly("v1", "v2");
	}

	@Test
	void shouldListenOnLoopbackOnly(DynamoDbLocalServer server) {
		// DynamoDB Local's own main would listen on every interface.
		assertThat(ListeningSockets.of(server.pid())).isNotEmpty()
			.allSatisfy((address) -> assertThat(address.getAddress().isLoopbackAddress()).isTrue());
	}

	private software.amazon.awssdk.services.dynamodb.model.TableDescription createResultsTable() {
		CreateTableRequest request = CreateTableRequest.builder()
			.tableName(this.table)
			.billingMode(BillingMode.PAY_PER_REQUEST)
			.attributeDefinitions(attribute("object"), attribute("version"))
			.keySchema(KeySchemaElement.builder().attributeName("object").keyType(KeyType.HASH).build(),
					KeySchemaElement.builder().attributeName("version").keyType(KeyType.RANGE).build())
			.build();
		return DynamoDbTables.createAndAwaitActive(dynamoDb, request, Duration.ofSeconds(30));
	}

	private void put(String object, String version, String result) {
		dynamoDb.putItem((put) -> put.tableName(this.table)
			.item(Map.of("object", AttributeValue.fromS(object), "version", AttributeValue.fromS(version), "result",
					AttributeValue.fromS(result))));
	}

	private static AttributeDefinition attribute(String name) {
		return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
	}

}
