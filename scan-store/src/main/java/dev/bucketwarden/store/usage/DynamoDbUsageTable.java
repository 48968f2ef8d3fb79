package dev.bucketwarden.store.usage;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import dev.bucketwarden.store.StoreException;

/**
 * Usage roll-ups in the results table: one item per agent instance per hour,
 * {@code pk = USAGE#<UTC day>}, {@code sk = <hour>#<agent>}. A scan record's {@code pk}
 * is {@code bucket/key} and a bucket name starts with a lower-case letter or a digit, so
 * the two never meet; readers of records skip items whose {@code pk} starts with
 * {@link #PK_PREFIX}. One partition per day keeps a period's read to one Query per day.
 * <p>
 * Each write is a PutItem of the whole item with absolute totals: writing it twice (a
 * retry after a lost answer, the next flush) leaves the same item, never a sum.
 */
public class DynamoDbUsageTable {

	/** The partition key's prefix; never the start of a bucket name. */
	public static final String PK_PREFIX = "USAGE#";

	/** At most this many days are read at once: the console's periods are shorter. */
	static final int MAX_DAYS = 400;

	private final DynamoDbClient dynamo;

	private final String table;

	public DynamoDbUsageTable(DynamoDbClient dynamo, String table) {
		this.dynamo = dynamo;
		this.table = table;
	}

	/** Writes the roll-up, replacing the instance's item for that hour. */
	public void put(UsageRollup rollup) {
		Map<String, AttributeValue> item = new HashMap<>();
		item.put("pk", s(pk(rollup.hour())));
		item.put("sk", s(rollup.hour() + "#" + rollup.agent()));
		item.put("agent", s(rollup.agent()));
		item.put("service", s(rollup.service()));
		item.put("hour", s(rollup.hour().toString()));
		item.put("runningMillis", n(Long.toString(rollup.running().toMillis())));
		item.put("vcpu", n(Double.toString(rollup.vcpu())));
		item.put("memoryGb", n(Double.toString(rollup.memoryGb())));
		Map<String, AttributeValue> buckets = new HashMap<>();
		rollup.requests().forEach((bucket, counts) -> {
			Map<String, AttributeValue> operations = new HashMap<>();
			counts.forEach((operation, count) -> operations.put(operation, n(Long.toString(count))));
			buckets.put(bucket, AttributeValue.fromM(operations));
		});
		item.put("requests", AttributeValue.fromM(buckets));
		try {
			this.dynamo.putItem((request) -> request.tableName(this.table).item(item));
		}
		catch (SdkException ex) {
			throw new StoreException("Saving the usage of " + rollup.agent() + " for " + rollup.hour() + " failed", ex);
		}
	}

	/** Every roll-up of the hours that start in {@code [from, to)}. */
	public List<UsageRollup> read(Instant from, Instant to) {
		List<UsageRollup> rollups = new ArrayList<>();
		LocalDate first = LocalDate.ofInstant(from, ZoneOffset.UTC);
		LocalDate last = LocalDate.ofInstant(to.minusNanos(1), ZoneOffset.UTC);
		if (last.isBefore(first)) {
			return rollups;
		}
		if (first.plusDays(MAX_DAYS).isBefore(last)) {
			throw new IllegalArgumentException("At most " + MAX_DAYS + " days at once");
		}
		for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
			for (Map<String, AttributeValue> item : queryDay(day)) {
				UsageRollup rollup = fromItem(item);
				if (!rollup.hour().isBefore(from) && rollup.hour().isBefore(to)) {
					rollups.add(rollup);
				}
			}
		}
		return rollups;
	}

	private List<Map<String, AttributeValue>> queryDay(LocalDate day) {
		List<Map<String, AttributeValue>> items = new ArrayList<>();
		Map<String, AttributeValue> start = null;
		try {
			do {
				QueryRequest.Builder request = QueryRequest.builder()
					.tableName(this.table)
					.keyConditionExpression("pk = :pk")
					.expressionAttributeValues(Map.of(":pk", s(PK_PREFIX + day)));
				if (start != null) {
					request.exclusiveStartKey(start);
				}
				QueryResponse response = this.dynamo.query(request.build());
				items.addAll(response.items());
				start = (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty())
						? response.lastEvaluatedKey() : null;
			}
			while (start != null);
			return items;
		}
		catch (SdkException ex) {
			throw new StoreException("Reading the usage of " + day + " from " + this.table + " failed", ex);
		}
	}

	static String pk(Instant hour) {
		return PK_PREFIX + LocalDate.ofInstant(hour, ZoneOffset.UTC);
	}

	static UsageRollup fromItem(Map<String, AttributeValue> item) {
		Map<String, Map<String, Long>> requests = new HashMap<>();
		item.get("requests").m().forEach((bucket, operations) -> {
			Map<String, Long> counts = new HashMap<>();
			operations.m().forEach((operation, count) -> counts.put(operation, Long.parseLong(count.n())));
			requests.put(bucket, counts);
		});
		return new UsageRollup(item.get("agent").s(), item.get("service").s(),
				Instant.parse(item.get("hour").s()).truncatedTo(ChronoUnit.HOURS),
				Duration.ofMillis(Long.parseLong(item.get("runningMillis").n())),
				Double.parseDouble(item.get("vcpu").n()), Double.parseDouble(item.get("memoryGb").n()), requests);
	}

	private static AttributeValue s(String value) {
		return AttributeValue.fromS(value);
	}

	private static AttributeValue n(String value) {
		return AttributeValue.fromN(value);
	}

}
