package dev.bucketwarden.jobs;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import dev.bucketwarden.store.StoreException;
import dev.bucketwarden.store.drift.TagDrift;

import static dev.bucketwarden.jobs.Expressions.call;
import static dev.bucketwarden.jobs.Expressions.conditionFailedFirst;
import static dev.bucketwarden.jobs.Expressions.n;
import static dev.bucketwarden.jobs.Expressions.s;
import static dev.bucketwarden.jobs.Expressions.setOrRemove;

/**
 * A job's progress and ledger: its partitions and their checkpoints, its counters, and
 * one item per finished object ({@code OBJ#...}), file ({@code FILE#...}) or drift
 * ({@code DRIFT#...}). Counters change only through {@code ADD}, in the same transaction
 * as the checkpoint or item that justifies them, so a retried page or a redelivered
 * message is never counted twice. Obtained from {@link JobStore#ledger()}.
 */
public class JobLedger {

	private final DynamoDbClient dynamo;

	private final String table;

	private final Clock clock;

	private final CounterUpdate counters;

	JobLedger(DynamoDbClient dynamo, String table, Clock clock) {
		this.dynamo = dynamo;
		this.table = table;
		this.clock = clock;
		this.counters = new CounterUpdate(table, clock);
	}

	/**
	 * Partitions of a job whose plan was committed; empty when the job was never planned
	 * (or its plan was not finished, in which case it is planned again).
	 */
	public List<Partition> partitions(String jobId) {
		Map<String, AttributeValue> job = call("Reading job " + jobId, () -> this.dynamo.getItem(
				(request) -> request.tableName(this.table).consistentRead(true).key(JobItems.key(jobId, JobStore.JOB)))
			.item());
		if (job == null || !job.containsKey("partitions")) {
			return List.of();
		}
		int count = Integer.parseInt(job.get("partitions").n());
		List<Partition> partitions = new ArrayList<>();
		Map<String, AttributeValue> start = null;
		do {
			Map<String, AttributeValue> exclusiveStart = start;
			QueryResponse page = call("Reading the partitions of job " + jobId,
					() -> this.dynamo.query((request) -> request.tableName(this.table)
						.consistentRead(true)
						.keyConditionExpression("pk = :pk AND begins_with(sk, :part)")
						.expressionAttributeValues(Map.of(":pk", s(jobId), ":part", s(JobItems.PARTITION)))
						.exclusiveStartKey(exclusiveStart)));
			for (Map<String, AttributeValue> item : page.items()) {
				Partition partition = JobItems.partition(item);
				if (partition.index() < count) {
					partitions.add(partition);
				}
			}
			start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
		}
		while (start != null);
		if (partitions.size() != count) {
			throw new StoreException("Job " + jobId + " has " + partitions.size() + " of its " + count + " partitions",
					null);
		}
		return partitions;
	}

	/**
	 * Writes a job's partitions, then commits the plan on the job item. A crash before
	 * the commit leaves the job unplanned: it is planned again from scratch.
	 */
	public void plan(String jobId, List<Partition> partitions) {
		for (Partition partition : partitions) {
			call("Writing partition " + partition.index() + " of job " + jobId, () -> this.dynamo
				.putItem((request) -> request.tableName(this.table).item(JobItems.partitionItem(jobId, partition))));
		}
		call("Committing the plan of job " + jobId,
				() -> this.dynamo.updateItem((request) -> request.tableName(this.table)
					.key(JobItems.key(jobId, JobStore.JOB))
					.updateExpression("SET #partitions = :count")
					.conditionExpression("attribute_not_exists(#partitions)")
					.expressionAttributeNames(Map.of("#partitions", "partitions"))
					.expressionAttributeValues(Map.of(":count", n(partitions.size())))));
	}

	/**
	 * Moves a partition's checkpoint on by one page and adds that page's counts, in one
	 * transaction: a page is counted exactly once, however often it is listed.
	 * @throws StoreException also when the checkpoint moved meanwhile (another crawler)
	 */
	public void checkpoint(String jobId, Partition partition, Partition.Checkpoint next, Map<Counter, Long> counts) {
		Map<String, AttributeValue> values = new HashMap<>();
		values.put(":pages", n(partition.checkpoint().pages()));
		values.put(":next", n(next.pages()));
		values.put(":done", AttributeValue.fromBool(next.done()));
		Map<String, String> names = new HashMap<>(Map.of("#pages", "pages", "#done", "done"));
		StringBuilder set = new StringBuilder("SET #pages = :next, #done = :done");
		StringBuilder remove = new StringBuilder();
		setOrRemove(set, remove, names, values, "continuationToken", next.continuationToken());
		setOrRemove(set, remove, names, values, "keyMarker", next.keyMarker());
		setOrRemove(set, remove, names, values, "versionIdMarker", next.versionIdMarker());
		String update = set + (remove.isEmpty() ? "" : " REMOVE " + remove);
		TransactWriteItem checkpoint = TransactWriteItem.builder()
			.update((u) -> u.tableName(this.table)
				.key(JobItems.key(jobId, JobItems.partitionSortKey(partition.index())))
				.updateExpression(update)
				.conditionExpression("#pages = :pages")
				.expressionAttributeNames(names)
				.expressionAttributeValues(values))
			.build();
		transact("Checkpointing partition " + partition.index() + " of job " + jobId,
				this.counters.with(jobId, counts, checkpoint));
	}

	/** Adds to a job's counters (what is not tied to one item, such as files listed). */
	public void addCounters(String jobId, Map<Counter, Long> counts) {
		List<TransactWriteItem> items = this.counters.with(jobId, counts, null);
		if (!items.isEmpty()) {
			transact("Counting for job " + jobId, items);
		}
	}

	/**
	 * Records that an object of the job has its result and adds its counts, unless it was
	 * recorded before (a redelivered message).
	 * @return whether it was counted now
	 */
	public boolean recordObject(String jobId, String objectId, String result, Map<Counter, Long> counts) {
		Map<String, AttributeValue> item = new HashMap<>(JobItems.key(jobId, JobItems.OBJECT + objectId));
		item.put("result", s(result));
		item.put("at", s(this.clock.instant().toString()));
		return recordOnce(jobId, item, null, counts, "Recording " + item.get("sk").s() + " of job " + jobId);
	}

	/**
	 * Records a file of a directory job with its result, unless it was recorded before.
	 * @return whether it was counted now
	 */
	public boolean recordFile(String jobId, FileResult file, Map<Counter, Long> counts) {
		Map<String, AttributeValue> item = new HashMap<>(JobItems.key(jobId, JobItems.FILE + file.path()));
		item.putAll(JobItems.file(file));
		item.put("at", s(this.clock.instant().toString()));
		return recordOnce(jobId, item, null, counts, "Recording " + item.get("sk").s() + " of job " + jobId);
	}

	/**
	 * Records an object of a drift check whose tags disagree with its record: its object
	 * item, its drift (for the console to list) and its counts in one transaction, unless
	 * it was recorded before (a redelivered message).
	 * @return whether it was counted now
	 */
	public boolean recordDrift(String jobId, String objectId, TagDrift drift, Map<Counter, Long> counts) {
		Map<String, AttributeValue> object = new HashMap<>(JobItems.key(jobId, JobItems.OBJECT + objectId));
		object.put("result", s("Drift " + drift.kind().name()));
		object.put("at", s(this.clock.instant().toString()));
		Map<String, AttributeValue> item = new HashMap<>(JobItems.key(jobId, JobItems.DRIFT + objectId));
		item.putAll(JobItems.drift(drift));
		TransactWriteItem driftItem = TransactWriteItem.builder()
			.put((p) -> p.tableName(this.table).item(item))
			.build();
		return recordOnce(jobId, object, driftItem, counts, "Recording the drift of " + objectId + " of job " + jobId);
	}

	/** The drifts a drift check found, in object order. */
	public List<TagDrift> drifts(String jobId) {
		List<TagDrift> drifts = new ArrayList<>();
		query("Reading the drifts of job " + jobId, jobId, JobItems.DRIFT, null)
			.forEach((item) -> drifts.add(JobItems.drift(jobId, item)));
		return drifts;
	}

	/** Whether the job recorded this object already. */
	public boolean hasObject(String jobId, String objectId) {
		Map<String, AttributeValue> item = call("Reading object " + objectId + " of job " + jobId,
				() -> this.dynamo
					.getItem((request) -> request.tableName(this.table)
						.consistentRead(true)
						.projectionExpression("pk")
						.key(JobItems.key(jobId, JobItems.OBJECT + objectId)))
					.item());
		return item != null && !item.isEmpty();
	}

	/** The file results of a directory job. */
	public List<FileResult> files(String jobId) {
		List<FileResult> files = new ArrayList<>();
		query("Reading the files of job " + jobId, jobId, JobItems.FILE, null)
			.forEach((item) -> files.add(JobItems.file(item)));
		return files;
	}

	/** The ids of the objects a job has recorded (for tests and audits). */
	public List<String> objects(String jobId) {
		List<String> objects = new ArrayList<>();
		query("Reading the objects of job " + jobId, jobId, JobItems.OBJECT, "sk")
			.forEach((item) -> objects.add(item.get("sk").s().substring(JobItems.OBJECT.length())));
		return objects;
	}

	/**
	 * Every item of a job whose sort key begins with {@code prefix}, read consistently.
	 */
	private List<Map<String, AttributeValue>> query(String what, String jobId, String prefix, String projection) {
		List<Map<String, AttributeValue>> items = new ArrayList<>();
		call(what,
				() -> this.dynamo
					.queryPaginator((request) -> request.tableName(this.table)
						.consistentRead(true)
						.keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
						.projectionExpression(projection)
						.expressionAttributeValues(Map.of(":pk", s(jobId), ":prefix", s(prefix))))
					.items()
					.forEach(items::add));
		return items;
	}

	/**
	 * Puts {@code item} unless it exists, with {@code also} (if any) and the counts, in
	 * one transaction.
	 * @return whether it was new (and so counted now)
	 */
	private boolean recordOnce(String jobId, Map<String, AttributeValue> item, TransactWriteItem also,
			Map<Counter, Long> counts, String what) {
		TransactWriteItem put = TransactWriteItem.builder()
			.put((p) -> p.tableName(this.table).item(item).conditionExpression("attribute_not_exists(pk)"))
			.build();
		List<TransactWriteItem> items = new ArrayList<>(this.counters.with(jobId, counts, put, true));
		if (also != null) {
			items.add(1, also);
		}
		try {
			this.dynamo.transactWriteItems((request) -> request.transactItems(items));
			return true;
		}
		catch (TransactionCanceledException ex) {
			if (conditionFailedFirst(ex)) {
				return false;
			}
			throw new StoreException(what + " failed", ex);
		}
		catch (SdkException ex) {
			throw new StoreException(what + " failed", ex);
		}
	}

	private void transact(String what, List<TransactWriteItem> items) {
		call(what, () -> this.dynamo.transactWriteItems((request) -> request.transactItems(items)));
	}

}
