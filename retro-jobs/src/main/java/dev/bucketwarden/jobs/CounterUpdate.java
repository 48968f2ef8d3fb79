package dev.bucketwarden.jobs;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import static dev.bucketwarden.jobs.Expressions.n;
import static dev.bucketwarden.jobs.Expressions.s;

/**
 * The {@code ADD} of counts to a job item, as one item of the transaction that writes
 * what justifies them (a checkpoint, an object's result), so that they are counted
 * exactly once.
 */
final class CounterUpdate {

	private final String table;

	private final Clock clock;

	CounterUpdate(String table, Clock clock) {
		this.table = table;
		this.clock = clock;
	}

	List<TransactWriteItem> with(String jobId, Map<Counter, Long> counts, TransactWriteItem first) {
		return with(jobId, counts, first, false);
	}

	/**
	 * @param first the item that justifies the counts, or {@code null}
	 * @param result the counts are an object's result: the job's {@code progressAt}
	 * becomes now
	 */
	List<TransactWriteItem> with(String jobId, Map<Counter, Long> counts, TransactWriteItem first, boolean result) {
		List<TransactWriteItem> items = new ArrayList<>();
		if (first != null) {
			items.add(first);
		}
		Map<String, String> names = new HashMap<>();
		Map<String, AttributeValue> values = new HashMap<>();
		StringBuilder add = new StringBuilder();
		counts.forEach((counter, delta) -> {
			if (delta != 0) {
				names.put("#" + counter.attribute(), counter.attribute());
				values.put(":" + counter.attribute(), n(delta));
				add.append(add.isEmpty() ? "ADD " : ", ")
					.append('#')
					.append(counter.attribute())
					.append(" :")
					.append(counter.attribute());
			}
		});
		if (result) {
			names.put("#progressAt", "progressAt");
			values.put(":now", s(this.clock.instant().toString()));
			add.append(add.isEmpty() ? "" : " ").append("SET #progressAt = :now");
		}
		if (!add.isEmpty()) {
			items.add(TransactWriteItem.builder()
				.update((u) -> u.tableName(this.table)
					.key(JobItems.key(jobId, JobStore.JOB))
					.updateExpression(add.toString())
					.conditionExpression("attribute_exists(pk)")
					.expressionAttributeNames(names)
					.expressionAttributeValues(values))
				.build());
		}
		return items;
	}

}
