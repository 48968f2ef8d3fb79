package dev.bucketwarden.jobs.schedule;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import dev.bucketwarden.store.StoreException;

/**
 * The last run of each schedule, kept in the jobs table
 * ({@code pk = SCHEDULE#name, sk = SCHEDULE}) and moved on with a conditional write, so
 * that of several schedulers (or a restarted one) only one creates each run's job. The
 * only place where runs are claimed; the console reads it to show a schedule's next run.
 */
public class ScheduleClaims {

	static final String CLAIM = "SCHEDULE#";

	static final String SORT_KEY = "SCHEDULE";

	private final DynamoDbClient dynamo;

	private final String table;

	/**
	 * @param table the jobs table
	 */
	public ScheduleClaims(DynamoDbClient dynamo, String table) {
		this.dynamo = dynamo;
		this.table = table;
	}

	/** When a schedule last created a job (or was first seen), if ever. */
	public Optional<Instant> lastRun(String schedule) {
		Map<String, AttributeValue> item;
		try {
			item = this.dynamo
				.getItem((request) -> request.tableName(this.table).consistentRead(true).key(key(schedule)))
				.item();
		}
		catch (SdkException ex) {
			throw new StoreException("Reading schedule " + schedule + " failed: " + ex.getMessage(), ex);
		}
		return (item == null || item.isEmpty()) ? Optional.empty()
				: Optional.of(Instant.parse(item.get("lastRun").s()));
	}

	/**
	 * Moves a schedule's last run from {@code previous} (or none) to {@code run}; of
	 * several schedulers, only one wins each run.
	 * @return whether this caller won
	 */
	public boolean claim(String schedule, Instant previous, Instant run) {
		try {
			this.dynamo.putItem((request) -> {
				Map<String, AttributeValue> item = new HashMap<>(key(schedule));
				item.put("lastRun", AttributeValue.fromS(run.toString()));
				request.tableName(this.table).item(item);
				if (previous == null) {
					request.conditionExpression("attribute_not_exists(pk)");
				}
				else {
					request.conditionExpression("lastRun = :previous")
						.expressionAttributeValues(Map.of(":previous", AttributeValue.fromS(previous.toString())));
				}
			});
			return true;
		}
		catch (ConditionalCheckFailedException ex) {
			return false;
		}
		catch (SdkException ex) {
			throw new StoreException("Claiming a run of schedule " + schedule + " failed", ex);
		}
	}

	private static Map<String, AttributeValue> key(String schedule) {
		return Map.of("pk", AttributeValue.fromS(CLAIM + schedule), "sk", AttributeValue.fromS(SORT_KEY));
	}

}
