package dev.bucketwarden.store.results;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import dev.bucketwarden.store.StoreException;
import dev.bucketwarden.store.dynamo.PkSkTable;
import dev.bucketwarden.store.tags.TaggingStatus;
import dev.bucketwarden.store.usage.DynamoDbUsageTable;

/**
 * Scan records in a DynamoDB table keyed by object ({@code pk} = bucket/key) and version
 * ({@code sk} = versionId#ETag), so a redelivered event finds the record of the version
 * it is about with one GetItem. The agents' usage roll-ups share the table under keys of
 * their own ({@link DynamoDbUsageTable}).
 */
public class DynamoDbResultStore implements ResultStore {

	/**
	 * Starts the partition key of a large-object scan job's item
	 * ({@code dev.bucketwarden.store.large}); a bucket name never holds {@code #}.
	 */
	public static final String LARGE_JOB_PREFIX = "large#";

	private final DynamoDbClient dynamo;

	private final String table;

	private final @Nullable String region;

	public DynamoDbResultStore(DynamoDbClient dynamo, String table) {
		this(dynamo, table, null);
	}

	/**
	 * @param region the writer's region, recorded on each record that does not name one
	 * (agents of every region write to the console region's table); {@code null} for a
	 * reader such as the console
	 */
	public DynamoDbResultStore(DynamoDbClient dynamo, String table, @Nullable String region) {
		this.dynamo = dynamo;
		this.table = table;
		this.region = region;
	}

	/**
	 * The table's definition, for the local stack and tests; infra/aws declares the same.
	 */
	public static CreateTableRequest tableDefinition(String table) {
		return PkSkTable.definition(table);
	}

	@Override
	public Optional<ScanRecord> find(String bucket, String key, String versionId, String eTag) {
		try {
			Map<String, AttributeValue> item = this.dynamo
				.getItem((request) -> request.tableName(this.table)
					.consistentRead(true)
					.key(key(bucket, key, versionId, eTag)))
				.item();
			return (item == null || item.isEmpty()) ? Optional.empty() : Optional.of(fromItem(item));
		}
		catch (SdkException ex) {
			throw new StoreException("Reading the scan record of s3://" + bucket + "/" + key + " failed", ex);
		}
	}

	@Override
	public Optional<ScanRecord> create(ScanRecord record, String replacing) {
		Map<String, String> names = new HashMap<>();
		Map<String, AttributeValue> values = new HashMap<>();
		String condition = "attribute_not_exists(pk)";
		if (record.status() != ResultStatus.SKIPPED) {
			names.put("#result", "result");
			values.put(":error", s(ResultStatus.ERROR.label()));
			values.put(":skipped", s(ResultStatus.SKIPPED.label()));
			condition += " OR #result IN (:error, :skipped)";
			if (record.isFinal() && replacing != null) {
				names.put("#id", "id");
				values.put(":replacing", s(replacing));
				condition += " OR #id = :replacing";
			}
		}
		PutItemRequest.Builder request = PutItemRequest.builder()
			.tableName(this.table)
			.item(toItem(stamped(record)))
			.conditionExpression(condition);
		if (!names.isEmpty()) {
			request.expressionAttributeNames(names).expressionAttributeValues(values);
		}
		try {
			this.dynamo.putItem(request.build());
			return Optional.empty();
		}
		catch (ConditionalCheckFailedException ex) {
			ScanRecord standing = find(record.bucket(), record.key(), record.versionId(), record.eTag())
				.orElseThrow(() -> new StoreException("The record of s3://" + record.bucket() + "/" + record.key()
						+ " stood in the way of a new one and is gone now", ex));
			// Our own write (ids are random): the answer to an attempt was lost after
			// DynamoDB wrote it (a reset, an attempt timed out) and the SDK's retry met
			// it. Taking it for a concurrent scan's would leave it untagged and
			// unpublished.
			return standing.id().equals(record.id()) ? Optional.empty() : Optional.of(standing);
		}
		catch (SdkException ex) {
			throw new StoreException(
					"Saving the scan record of s3://" + record.bucket() + "/" + record.key() + " failed", ex);
		}
	}

	@Override
	public boolean update(ScanRecord record) {
		try {
			this.dynamo.putItem((request) -> request.tableName(this.table)
				.item(toItem(stamped(record)))
				.conditionExpression("#id = :id")
				.expressionAttributeNames(Map.of("#id", "id"))
				.expressionAttributeValues(Map.of(":id", s(record.id()))));
			return true;
		}
		catch (ConditionalCheckFailedException ex) {
			return false;
		}
		catch (SdkException ex) {
			throw new StoreException(
					"Saving the scan record of s3://" + record.bucket() + "/" + record.key() + " failed", ex);
		}
	}

	/**
	 * Writes a record whatever is there: for fixtures and imports only, never for a
	 * scan's verdict (use {@link #create}).
	 */
	public void put(ScanRecord record) {
		try {
			this.dynamo.putItem((request) -> request.tableName(this.table).item(toItem(stamped(record))));
		}
		catch (SdkException ex) {
			throw new StoreException(
					"Saving the scan record of s3://" + record.bucket() + "/" + record.key() + " failed", ex);
		}
	}

	/**
	 * Up to {@code maxItems} records in the table's own order, for the console's views
	 * (the table has no index on time: readers bound what they read).
	 */
	public List<ScanRecord> scan(int maxItems) {
		List<ScanRecord> records = new ArrayList<>();
		Map<String, AttributeValue> start = null;
		try {
			do {
				// The usage roll-ups and the large-object jobs share the table; they are
				// not records.
				ScanRequest.Builder request = ScanRequest.builder()
					.tableName(this.table)
					.filterExpression("NOT begins_with(pk, :usage) AND NOT begins_with(pk, :large)")
					.expressionAttributeValues(
							Map.of(":usage", s(DynamoDbUsageTable.PK_PREFIX), ":large", s(LARGE_JOB_PREFIX)))
					.limit(Math.min(maxItems - records.size(), 1000));
				if (start != null) {
					request.exclusiveStartKey(start);
				}
				ScanResponse response = this.dynamo.scan(request.build());
				response.items().forEach((item) -> records.add(fromItem(item)));
				start = (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty())
						? response.lastEvaluatedKey() : null;
			}
			while (start != null && records.size() < maxItems);
			return records;
		}
		catch (SdkException ex) {
			throw new StoreException("Reading scan records from " + this.table + " failed", ex);
		}
	}

	private static Map<String, AttributeValue> key(String bucket, String key, String versionId, String eTag) {
		return Map.of("pk", s(bucket + "/" + key), "sk", s(((versionId != null) ? versionId : "null") + "#" + eTag));
	}

	/** The record with this writer's region, unless it names its own. */
	private ScanRecord stamped(ScanRecord record) {
		return (record.region() == null && this.region != null) ? record.withRegion(this.region) : record;
	}

	static Map<String, AttributeValue> toItem(ScanRecord record) {
		Map<String, AttributeValue> item = new HashMap<>(
				key(record.bucket(), record.key(), record.versionId(), record.eTag()));
		item.put("id", s(record.id()));
		item.put("bucket", s(record.bucket()));
		item.put("key", s(record.key()));
		putIfPresent(item, "versionId", record.versionId());
		putIfPresent(item, "eTag", record.eTag());
		item.put("size", n(record.size()));
		item.put("result", s(record.status().label()));
		putIfPresent(item, "reason", record.reason());
		putIfPresent(item, "errorKind", record.errorKind());
		item.put("signatures", AttributeValue.fromL(record.signatures().stream().map(DynamoDbResultStore::s).toList()));
		item.put("engines", AttributeValue.fromL(record.engines().stream().map(DynamoDbResultStore::engine).toList()));
		item.put("scannedAt", s(record.scannedAt().toString()));
		item.put("scanMillis", n(record.scanDuration().toMillis()));
		item.put("tagging", s(record.tagging().name()));
		item.put("remediation", s(record.remediation().name()));
		putIfPresent(item, "quarantineLocation", record.quarantineLocation());
		item.put("published", AttributeValue.fromBool(record.published()));
		item.put("source", s(record.source().name()));
		if (!record.droppedTags().isEmpty()) {
			item.put("droppedTags",
					AttributeValue.fromL(record.droppedTags().stream().map(DynamoDbResultStore::s).toList()));
		}
		if (record.eventTime() != null) {
			item.put("eventTime", s(record.eventTime().toString()));
		}
		if (record.coverage() != null) {
			item.put("coverage", coverage(record.coverage()));
		}
		putIfPresent(item, "region", record.region());
		return item;
	}

	static ScanRecord fromItem(Map<String, AttributeValue> item) {
		return new ScanRecord(str(item, "id"), str(item, "bucket"), str(item, "key"), str(item, "versionId"),
				str(item, "eTag"), Long.parseLong(item.get("size").n()), ResultStatus.fromLabel(str(item, "result")),
				str(item, "reason"), str(item, "errorKind"),
				item.get("signatures").l().stream().map(AttributeValue::s).toList(),
				item.get("engines").l().stream().map((value) -> engine(value.m())).toList(),
				Instant.parse(str(item, "scannedAt")), Duration.ofMillis(Long.parseLong(item.get("scanMillis").n())),
				TaggingStatus.valueOf(str(item, "tagging")), RemediationState.valueOf(str(item, "remediation")),
				str(item, "quarantineLocation"), item.get("published").bool(), ScanSource.valueOf(str(item, "source")),
				item.containsKey("droppedTags") ? item.get("droppedTags").l().stream().map(AttributeValue::s).toList()
						: List.of(),
				item.containsKey("eventTime") ? Instant.parse(str(item, "eventTime")) : null,
				item.containsKey("coverage") ? coverage(item.get("coverage").m()) : null, str(item, "region"));
	}

	/** A coverage as records (and large-object jobs) store it. */
	public static AttributeValue coverage(Coverage coverage) {
		return AttributeValue.fromM(Map.of("kind", s(coverage.kind().name()), "window", n(coverage.window()), "overlap",
				n(coverage.overlap()), "parts", n(coverage.parts())));
	}

	/** A coverage read back. */
	public static Coverage coverage(Map<String, AttributeValue> map) {
		return new Coverage(Coverage.Kind.valueOf(str(map, "kind")), Long.parseLong(map.get("window").n()),
				Long.parseLong(map.get("overlap").n()), Integer.parseInt(map.get("parts").n()));
	}

	/** An engine's part as records (and large-object jobs) store it. */
	public static AttributeValue engine(ScanRecord.EngineRecord engine) {
		Map<String, AttributeValue> map = new HashMap<>();
		map.put("engineId", s(engine.engineId()));
		map.put("result", s(engine.result()));
		map.put("signatures", AttributeValue.fromL(engine.signatures().stream().map(DynamoDbResultStore::s).toList()));
		putIfPresent(map, "detail", engine.detail());
		putIfPresent(map, "product", engine.product());
		putIfPresent(map, "signatureVersion", engine.signatureVersion());
		map.put("durationMillis", n(engine.durationMillis()));
		if (engine.signatureDate() != null) {
			map.put("signatureDate", s(engine.signatureDate().toString()));
		}
		map.put("required", AttributeValue.fromBool(engine.required()));
		return AttributeValue.fromM(map);
	}

	/** An engine's part read back. */
	public static ScanRecord.EngineRecord engine(Map<String, AttributeValue> map) {
		return new ScanRecord.EngineRecord(str(map, "engineId"), str(map, "result"),
				map.get("signatures").l().stream().map(AttributeValue::s).toList(), str(map, "detail"),
				str(map, "product"), str(map, "signatureVersion"), Long.parseLong(map.get("durationMillis").n()),
				(map.get("signatureDate") != null) ? Instant.parse(str(map, "signatureDate")) : null,
				!map.containsKey("required") || map.get("required").bool());
	}

	private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
		if (value != null) {
			item.put(name, s(value));
		}
	}

	private static String str(Map<String, AttributeValue> item, String name) {
		AttributeValue value = item.get(name);
		return (value != null) ? value.s() : null;
	}

	private static AttributeValue s(String value) {
		return AttributeValue.fromS(value);
	}

	private static AttributeValue n(long value) {
		return AttributeValue.fromN(Long.toString(value));
	}

}
