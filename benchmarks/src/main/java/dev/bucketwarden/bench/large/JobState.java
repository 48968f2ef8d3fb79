package dev.bucketwarden.bench.large;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import dev.bucketwarden.bench.event.EventStack;

/**
 * What the results table says about the benchmark object, read as the console would: the
 * large-object job item ({@code pk = large#<bucket>/<key>}, docs/large-objects.md) and
 * the object's final record ({@code pk = <bucket>/<key>}).
 */
final class JobState {

	private final DynamoDbClient dynamo;

	private final String bucket;

	private final String key;

	JobState(DynamoDbClient dynamo, String bucket, String key) {
		this.dynamo = dynamo;
		this.bucket = bucket;
		this.key = key;
	}

	/** The job item, once the pipeline made it. */
	Optional<Job> job() {
		return first("large#" + this.bucket + "/" + this.key).map((item) -> new Job(number(item, "parts"),
				item.containsKey("done") ? item.get("done").ns().size() : 0, string(item, "state")));
	}

	/** The object's final record, once written. */
	Optional<Record> record() {
		return first(this.bucket + "/" + this.key).filter((item) -> item.containsKey("result")).map((item) -> {
			Map<String, AttributeValue> coverage = item.containsKey("coverage") ? item.get("coverage").m() : Map.of();
			String kind = coverage.containsKey("kind") ? coverage.get("kind").s() : "WHOLE";
			List<String> signatures = item.containsKey("signatures")
					? item.get("signatures").l().stream().map(AttributeValue::s).toList() : List.of();
			return new Record(string(item, "result"), string(item, "reason"), kind, longOf(coverage, "window"),
					longOf(coverage, "overlap"), (int) longOf(coverage, "parts"), signatures);
		});
	}

	private Optional<Map<String, AttributeValue>> first(String pk) {
		return this.dynamo
			.query((request) -> request.tableName(EventStack.RESULTS_TABLE)
				.keyConditionExpression("pk = :pk")
				.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))
				.consistentRead(true))
			.items()
			.stream()
			.findFirst();
	}

	private static String string(Map<String, AttributeValue> item, String name) {
		AttributeValue value = item.get(name);
		return (value != null && value.s() != null) ? value.s() : "";
	}

	private static int number(Map<String, AttributeValue> item, String name) {
		return (int) longOf(item, name);
	}

	private static long longOf(Map<String, AttributeValue> item, String name) {
		AttributeValue value = item.get(name);
		return (value != null && value.n() != null) ? Long.parseLong(value.n()) : 0;
	}

	/**
	 * The job item's progress.
	 *
	 * @param parts the plan's parts
	 * @param done parts recorded done
	 * @param state RUNNING, CLEAN, INFECTED, ... FINISHED
	 */
	record Job(int parts, int done, String state) {
	}

	/**
	 * The final record.
	 *
	 * @param result Clean, Infected, ...
	 * @param reason why, when not Clean
	 * @param coverage WHOLE, MEMBERS or WINDOWS
	 * @param window the window size
	 * @param overlap the overlap
	 * @param parts how many parts
	 * @param signatures what the engines found
	 */
	record Record(String result, String reason, String coverage, long window, long overlap, int parts,
			List<String> signatures) {
	}

}
