package dev.bucketwarden.store.dynamo;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The shape every BucketWarden table has (results, settings, jobs): a string partition
 * key {@code pk}, a string sort key {@code sk}, on-demand capacity. infra/aws declares
 * the same; this is for the local stack and tests.
 */
public final class PkSkTable {

	private PkSkTable() {
	}

	public static CreateTableRequest definition(String table) {
		return CreateTableRequest.builder()
			.tableName(table)
			.billingMode(BillingMode.PAY_PER_REQUEST)
			.attributeDefinitions(attribute("pk"), attribute("sk"))
			.keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
					KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
			.build();
	}

	private static AttributeDefinition attribute(String name) {
		return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
	}

}
