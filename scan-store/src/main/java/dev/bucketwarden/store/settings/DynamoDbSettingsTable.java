package dev.bucketwarden.store.settings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import org.springframework.util.unit.DataSize;

import dev.bucketwarden.store.StoreException;
import dev.bucketwarden.store.dynamo.PkSkTable;
import dev.bucketwarden.store.tags.TagSchema;

/**
 * Protected buckets in the settings table (keyed {@code pk}, {@code sk} like every
 * BucketWarden table): one item per bucket ({@code pk = BUCKET}, {@code sk} = the name)
 * and one change counter ({@code pk = META}, {@code sk = VERSION}) that every write
 * increments after it, so readers find out with one GetItem whether to reload. The
 * console writes; agents read through {@link DynamoDbBucketSettingsProvider}.
 */
public class DynamoDbSettingsTable {

	static final String BUCKET = "BUCKET";

	private static final Map<String, AttributeValue> INTEGRATIONS_KEY = key("INTEGRATION", "CURRENT");

	private static final Map<String, AttributeValue> VERSION_KEY = Map.of("pk", AttributeValue.fromS("META"), "sk",
			AttributeValue.fromS("VERSION"));

	private final DynamoDbClient dynamo;

	private final String table;

	public DynamoDbSettingsTable(DynamoDbClient dynamo, String table) {
		this.dynamo = dynamo;
		this.table = table;
	}

	/**
	 * The table's definition, for the local stack and tests; infra/aws declares the same.
	 */
	public static CreateTableRequest tableDefinition(String table) {
		return PkSkTable.definition(table);
	}

	public String name() {
		return this.table;
	}

	public DynamoDbClient client() {
		return this.dynamo;
	}

	/** The change counter: 0 before the first write. */
	public long version() {
		try {
			Map<String, AttributeValue> item = this.dynamo
				.getItem((request) -> request.tableName(this.table).consistentRead(true).key(VERSION_KEY))
				.item();
			return (item == null || !item.containsKey("version")) ? 0 : Long.parseLong(item.get("version").n());
		}
		catch (SdkException ex) {
			throw new StoreException("Reading the settings version from " + this.table + " failed", ex);
		}
	}

	/** Every protected bucket, by name. */
	public List<StoredBucket> buckets() {
		return queryAll(BUCKET).stream().map(DynamoDbSettingsTable::fromItem).toList();
	}

	public Optional<StoredBucket> bucket(String bucket) {
		return item(key(BUCKET, bucket), "Reading the settings of " + bucket).map(DynamoDbSettingsTable::fromItem);
	}

	/** Protects the bucket or replaces its settings; returns the new change version. */
	public long put(StoredBucket bucket) {
		return putItem(toItem(bucket), "Saving the settings of " + bucket.bucket());
	}

	/** Unprotects the bucket; returns the new change version. */
	public long delete(String bucket) {
		try {
			this.dynamo.deleteItem((request) -> request.tableName(this.table).key(key(BUCKET, bucket)));
			return bumpVersion();
		}
		catch (SdkException ex) {
			throw new StoreException("Deleting the settings of " + bucket + " failed", ex);
		}
	}

	/** The console's integrations: {@link StoredIntegrations#NONE} if never saved. */
	public StoredIntegrations integrations() {
		return item(INTEGRATIONS_KEY, "Reading the integrations from " + this.table)
			.map((item) -> new StoredIntegrations(text(item, "snsTopicArn"), text(item, "eventBus"),
					text(item, "webhookUrl"),
					new StoredIntegrations.SecurityHub(flag(item, "securityHubEnabled"),
							flag(item, "securityHubUnscannable"), flag(item, "securityHubErrors"))))
			.orElse(StoredIntegrations.NONE);
	}

	/**
	 * Replaces the integrations; returns the new change version, so agents pick them up
	 * like bucket settings.
	 */
	public long putIntegrations(StoredIntegrations integrations) {
		Map<String, AttributeValue> item = new HashMap<>(INTEGRATIONS_KEY);
		putText(item, "snsTopicArn", integrations.snsTopicArn());
		putText(item, "eventBus", integrations.eventBus());
		putText(item, "webhookUrl", integrations.webhookUrl());
		item.put("securityHubEnabled", AttributeValue.fromBool(integrations.securityHub().enabled()));
		item.put("securityHubUnscannable", AttributeValue.fromBool(integrations.securityHub().unscannable()));
		item.put("securityHubErrors", AttributeValue.fromBool(integrations.securityHub().errors()));
		return putItem(item, "Saving the integrations to " + this.table);
	}

	/**
	 * One item, read consistently, or empty if there is none.
	 * @param what what is read, for the failure's message
	 */
	public Optional<Map<String, AttributeValue>> item(Map<String, AttributeValue> key, String what) {
		try {
			Map<String, AttributeValue> item = this.dynamo
				.getItem((request) -> request.tableName(this.table).consistentRead(true).key(key))
				.item();
			return (item == null || item.isEmpty()) ? Optional.empty() : Optional.of(item);
		}
		catch (SdkException ex) {
			throw new StoreException(what + " failed", ex);
		}
	}

	/**
	 * Creates or replaces an item and moves the change counter, so agents pick it up.
	 * @param what what is saved, for the failure's message
	 * @return the new change version
	 */
	public long putItem(Map<String, AttributeValue> item, String what) {
		try {
			this.dynamo.putItem((request) -> request.tableName(this.table).item(item));
			return bumpVersion();
		}
		catch (SdkException ex) {
			throw new StoreException(what + " failed", ex);
		}
	}

	/** Every item of a partition, in sort key order, newest first if asked. */
	public List<Map<String, AttributeValue>> queryAll(String partition) {
		return query(partition, true, Integer.MAX_VALUE);
	}

	/** Up to {@code limit} items of a partition. */
	public List<Map<String, AttributeValue>> query(String partition, boolean ascending, int limit) {
		List<Map<String, AttributeValue>> items = new ArrayList<>();
		Map<String, AttributeValue> start = null;
		try {
			do {
				QueryRequest.Builder request = QueryRequest.builder()
					.tableName(this.table)
					.consistentRead(true)
					.keyConditionExpression("pk = :pk")
					.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition)))
					.scanIndexForward(ascending)
					.limit(Math.min(limit - items.size(), 500));
				if (start != null) {
					request.exclusiveStartKey(start);
				}
				QueryResponse response = this.dynamo.query(request.build());
				items.addAll(response.items());
				start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
						? response.lastEvaluatedKey() : null;
			}
			while (start != null && items.size() < limit);
		}
		catch (SdkException ex) {
			throw new StoreException("Reading " + partition + " items from " + this.table + " failed", ex);
		}
		return items;
	}

	/** Increments the change counter after a write; returns its new value. */
	public long bumpVersion() {
		return Long.parseLong(
				this.dynamo
					.updateItem((request) -> request.tableName(this.table)
						.key(VERSION_KEY)
						.updateExpression("ADD version :one")
						.expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
						.returnValues("UPDATED_NEW"))
					.attributes()
					.get("version")
					.n());
	}

	public static Map<String, AttributeValue> key(String partition, String sort) {
		return Map.of("pk", AttributeValue.fromS(partition), "sk", AttributeValue.fromS(sort));
	}

	static Map<String, AttributeValue> toItem(StoredBucket bucket) {
		BucketSettings settings = bucket.settings();
		Map<String, AttributeValue> item = new HashMap<>(key(BUCKET, bucket.bucket()));
		item.put("bucket", AttributeValue.fromS(bucket.bucket()));
		item.put("tagging", AttributeValue.fromBool(settings.tagging()));
		item.put("tagSchema", AttributeValue.fromS(settings.tagSchema().name()));
		item.put("remediation", AttributeValue.fromS(settings.remediation().name()));
		if (settings.quarantineBucket() != null && !settings.quarantineBucket().isBlank()) {
			item.put("quarantineBucket", AttributeValue.fromS(settings.quarantineBucket()));
		}
		item.put("maxSize", AttributeValue.fromN(Long.toString(settings.maxSize().toBytes())));
		item.put("largeObjects", AttributeValue.fromS(settings.largeObjects().name()));
		item.put("skipPrefixes", list(bucket.rules().skipPrefixes()));
		item.put("skipSuffixes", list(bucket.rules().skipSuffixes()));
		item.put("allowList", list(bucket.rules().allowList()));
		item.put("engines", list(bucket.rules().engines()));
		item.put("updatedAt", AttributeValue.fromS(bucket.updatedAt().toString()));
		item.put("updatedBy", AttributeValue.fromS(bucket.updatedBy()));
		putText(item, "region", bucket.home().region());
		putText(item, "account", bucket.home().account());
		return item;
	}

	static StoredBucket fromItem(Map<String, AttributeValue> item) {
		AttributeValue quarantine = item.get("quarantineBucket");
		BucketSettings settings = new BucketSettings(item.get("tagging").bool(),
				TagSchema.valueOf(item.get("tagSchema").s()), Remediation.valueOf(item.get("remediation").s()),
				(quarantine != null) ? quarantine.s() : null, DataSize.ofBytes(Long.parseLong(item.get("maxSize").n())),
				(item.get("largeObjects") != null) ? LargeObjects.valueOf(item.get("largeObjects").s())
						: LargeObjects.WINDOWS);
		BucketRules rules = new BucketRules(strings(item, "skipPrefixes"), strings(item, "skipSuffixes"),
				strings(item, "allowList"), strings(item, "engines"));
		// Buckets protected before regions and linked accounts have neither attribute.
		return new StoredBucket(item.get("bucket").s(), settings, rules, Instant.parse(item.get("updatedAt").s()),
				item.get("updatedBy").s(), new BucketHome(text(item, "region"), text(item, "account")));
	}

	public static void putText(Map<String, AttributeValue> item, String name, String value) {
		if (value != null) {
			item.put(name, AttributeValue.fromS(value));
		}
	}

	/** A boolean attribute: {@code false} when absent (items saved before it existed). */
	static boolean flag(Map<String, AttributeValue> item, String name) {
		AttributeValue value = item.get(name);
		return value != null && Boolean.TRUE.equals(value.bool());
	}

	public static String text(Map<String, AttributeValue> item, String name) {
		AttributeValue value = item.get(name);
		return (value != null) ? value.s() : null;
	}

	private static AttributeValue list(List<String> values) {
		return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
	}

	private static List<String> strings(Map<String, AttributeValue> item, String name) {
		AttributeValue value = item.get(name);
		return (value == null || !value.hasL()) ? List.of() : value.l().stream().map(AttributeValue::s).toList();
	}

}
