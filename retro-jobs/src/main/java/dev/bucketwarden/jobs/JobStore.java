package dev.bucketwarden.jobs;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import dev.bucketwarden.store.StoreException;
import dev.bucketwarden.store.drift.TagDrift;
import dev.bucketwarden.store.dynamo.PkSkTable;

/**
 * Jobs in one DynamoDB table, all items of a job under its id ({@code pk}): the job item
 * ({@code sk = JOB}) with its state and counters, one item per partition ({@code PART#n})
 * with its checkpoint, and one per finished object ({@code OBJ#...}) or file
 * ({@code FILE#...}). Counters change only through {@code ADD}, in the same transaction
 * as the checkpoint or object item that justifies them, so a retried page or a
 * redelivered message is never counted twice.
 */
public class JobStore {

	static final String JOB = "JOB";

	static final String SCHEDULE = "SCHEDULE#";

	/** An attribute name placeholder in an expression. */
	private static final Pattern NAME = Pattern.compile("#(\\w+)");

	private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
		.withZone(ZoneOffset.UTC);

	private final DynamoDbClient dynamo;

	private final String table;

	private final Clock clock;

	public JobStore(DynamoDbClient dynamo, String table, Clock clock) {
		this.dynamo = dynamo;
		this.table = table;
		this.clock = clock;
	}

	/**
	 * The table's definition, for the local stack and tests; infra/aws declares the same.
	 */
	public static CreateTableRequest tableDefinition(String table) {
		return PkSkTable.definition(table);
	}

	/** Creates a job in state CRAWLING with every counter at zero. */
	public Job create(JobSpec spec) {
		Instant now = this.clock.instant();
		String id = "retro-" + ID_TIME.format(now) + "-" + UUID.randomUUID().toString().substring(0, 8);
		Map<String, AttributeValue> item = new HashMap<>(JobItems.key(id, JOB));
		item.putAll(JobItems.spec(spec));
		item.put("state", s(JobState.CRAWLING.name()));
		item.put("createdAt", s(now.toString()));
		item.put("updatedAt", s(now.toString()));
		for (Counter counter : Counter.values()) {
			item.put(counter.attribute(), n(0));
		}
		call("Creating job " + id, () -> this.dynamo.putItem(
				(request) -> request.tableName(this.table).item(item).conditionExpression("attribute_not_exists(pk)")));
		return find(id).orElseThrow();
	}

	public Optional<Job> find(String id) {
		Map<String, AttributeValue> item = call("Reading job " + id,
				() -> this.dynamo
					.getItem((request) -> request.tableName(this.table).consistentRead(true).key(JobItems.key(id, JOB)))
					.item());
		return (item == null || item.isEmpty()) ? Optional.empty() : Optional.of(JobItems.job(item));
	}

	/** Every job, newest first (a scan: jobs are few, their object items are skipped). */
	public List<Job> list() {
		List<Job> jobs = new ArrayList<>();
		call("Listing jobs",
				() -> this.dynamo
					.scanPaginator((request) -> request.tableName(this.table)
						.filterExpression("sk = :job")
						.expressionAttributeValues(Map.of(":job", s(JOB))))
					.items()
					.forEach((item) -> jobs.add(JobItems.job(item))));
		jobs.sort((a, b) -> b.createdAt().compareTo(a.createdAt()));
		return jobs;
	}

	/**
	 * Partitions of a job whose plan was committed; empty when the job was never planned
	 * (or its plan was not finished, in which case it is planned again).
	 */
	public List<Partition> partitions(String jobId) {
		Map<String, AttributeValue> job = call("Reading job " + jobId,
				() -> this.dynamo.getItem(
						(request) -> request.tableName(this.table).consistentRead(true).key(JobItems.key(jobId, JOB)))
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
					.key(JobItems.key(jobId, JOB))
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
				withCounters(jobId, counts, checkpoint));
	}

	/** When a schedule last created a job (or was first seen), if ever. */
	public Optional<Instant> scheduleLastRun(String schedule) {
		Map<String, AttributeValue> item = call("Reading schedule " + schedule,
				() -> this.dynamo
					.getItem((request) -> request.tableName(this.table)
						.consistentRead(true)
						.key(JobItems.key(SCHEDULE + schedule, SCHEDULE)))
					.item());
		return (item == null || item.isEmpty()) ? Optional.empty()
				: Optional.of(Instant.parse(item.get("lastRun").s()));
	}

	/**
	 * Moves a schedule's last run from {@code previous} (or none) to {@code run}; of
	 * several schedulers, only one wins each run.
	 * @return whether this caller won
	 */
	public boolean claimSchedule(String schedule, Instant previous, Instant run) {
		try {
			this.dynamo.putItem((request) -> {
				Map<String, AttributeValue> item = new HashMap<>(JobItems.key(SCHEDULE + schedule, SCHEDULE));
				item.put("lastRun", s(run.toString()));
				request.tableName(this.table).item(item);
				if (previous == null) {
					request.conditionExpression("attribute_not_exists(pk)");
				}
				else {
					request.conditionExpression("lastRun = :previous")
						.expressionAttributeValues(Map.of(":previous", s(previous.toString())));
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

	/** Adds to a job's counters (what is not tied to one item, such as files listed). */
	public void addCounters(String jobId, Map<Counter, Long> counts) {
		List<TransactWriteItem> items = withCounters(jobId, counts, null);
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
		return recordOnce(jobId, item, counts);
	}

	/**
	 * Records a file of a directory job with its result, unless it was recorded before.
	 * @return whether it was counted now
	 */
	public boolean recordFile(String jobId, FileResult file, Map<Counter, Long> counts) {
		Map<String, AttributeValue> item = new HashMap<>(JobItems.key(jobId, JobItems.FILE + file.path()));
		item.putAll(JobItems.file(file));
		item.put("at", s(this.clock.instant().toString()));
		return recordOnce(jobId, item, counts);
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
		TransactWriteItem put = TransactWriteItem.builder()
			.put((p) -> p.tableName(this.table).item(object).conditionExpression("attribute_not_exists(pk)"))
			.build();
		Map<String, AttributeValue> item = new HashMap<>(JobItems.key(jobId, JobItems.DRIFT + objectId));
		item.putAll(JobItems.drift(drift));
		TransactWriteItem driftItem = TransactWriteItem.builder()
			.put((p) -> p.tableName(this.table).item(item))
			.build();
		List<TransactWriteItem> items = new ArrayList<>(withCounters(jobId, counts, put, true));
		items.add(1, driftItem);
		try {
			this.dynamo.transactWriteItems((request) -> request.transactItems(items));
			return true;
		}
		catch (TransactionCanceledException ex) {
			if (conditionFailedFirst(ex)) {
				return false;
			}
			throw new StoreException("Recording the drift of " + objectId + " of job " + jobId + " failed", ex);
		}
		catch (SdkException ex) {
			throw new StoreException("Recording the drift of " + objectId + " of job " + jobId + " failed", ex);
		}
	}

	/** The drifts a drift check found, in object order. */
	public List<TagDrift> drifts(String jobId) {
		List<TagDrift> drifts = new ArrayList<>();
		call("Reading the drifts of job " + jobId,
				() -> this.dynamo
					.queryPaginator((request) -> request.tableName(this.table)
						.consistentRead(true)
						.keyConditionExpression("pk = :pk AND begins_with(sk, :drift)")
						.expressionAttributeValues(Map.of(":pk", s(jobId), ":drift", s(JobItems.DRIFT))))
					.items()
					.forEach((item) -> drifts.add(JobItems.drift(jobId, item))));
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
		call("Reading the files of job " + jobId,
				() -> this.dynamo
					.queryPaginator((request) -> request.tableName(this.table)
						.consistentRead(true)
						.keyConditionExpression("pk = :pk AND begins_with(sk, :file)")
						.expressionAttributeValues(Map.of(":pk", s(jobId), ":file", s(JobItems.FILE))))
					.items()
					.forEach((item) -> files.add(JobItems.file(item))));
		return files;
	}

	/** The ids of the objects a job has recorded (for tests and audits). */
	public List<String> objects(String jobId) {
		List<String> objects = new ArrayList<>();
		call("Reading the objects of job " + jobId,
				() -> this.dynamo
					.queryPaginator((request) -> request.tableName(this.table)
						.consistentRead(true)
						.keyConditionExpression("pk = :pk AND begins_with(sk, :object)")
						.projectionExpression("sk")
						.expressionAttributeValues(Map.of(":pk", s(jobId), ":object", s(JobItems.OBJECT))))
					.items()
					.forEach((item) -> objects.add(item.get("sk").s().substring(JobItems.OBJECT.length()))));
		return objects;
	}

	private boolean recordOnce(String jobId, Map<String, AttributeValue> item, Map<Counter, Long> counts) {
		TransactWriteItem put = TransactWriteItem.builder()
			.put((p) -> p.tableName(this.table).item(item).conditionExpression("attribute_not_exists(pk)"))
			.build();
		try {
			this.dynamo.transactWriteItems((request) -> request.transactItems(withCounters(jobId, counts, put, true)));
			return true;
		}
		catch (TransactionCanceledException ex) {
			if (conditionFailedFirst(ex)) {
				return false;
			}
			throw new StoreException("Recording " + item.get("sk").s() + " of job " + jobId + " failed", ex);
		}
		catch (SdkException ex) {
			throw new StoreException("Recording " + item.get("sk").s() + " of job " + jobId + " failed", ex);
		}
	}

	/**
	 * Moves the job from one state to another, with the reason, or without one (which
	 * clears the note of a crawl that stopped and has been resumed since).
	 * @return whether it was in {@code from} (and so moved)
	 */
	public boolean transition(String jobId, JobState from, JobState to, String reason) {
		Map<String, AttributeValue> values = new HashMap<>();
		values.put(":from", s(from.name()));
		values.put(":to", s(to.name()));
		values.put(":now", s(this.clock.instant().toString()));
		String update = "SET #state = :to, #updatedAt = :now";
		if (reason != null) {
			values.put(":reason", s(reason));
			update += ", #reason = :reason";
		}
		else {
			update += " REMOVE #reason";
		}
		return conditionalUpdate(jobId, update, "#state = :from", values);
	}

	/**
	 * A crawler says it is alive (or the console that it has just launched one), so the
	 * console can tell a crawl that is slow from one whose process is gone (a task
	 * stopped, a host lost). A crawler at work also clears the note of an earlier crawl
	 * that stopped. Only while the job is CRAWLING; {@code updatedAt} (the last change of
	 * state) stays.
	 * @return whether the job is still crawling
	 */
	public boolean crawlerAlive(String jobId) {
		return conditionalUpdate(jobId, "SET #crawlerSeenAt = :now REMOVE #reason", "#state = :crawling",
				Map.of(":now", s(this.clock.instant().toString()), ":crawling", s(JobState.CRAWLING.name())));
	}

	/**
	 * Workers have been launched for a scanning job: its {@code progressAt} becomes now,
	 * as a recorded result makes it, so the console waits for them before it calls the
	 * scan stalled again.
	 * @return whether the job is scanning
	 */
	public boolean workersLaunched(String jobId) {
		return conditionalUpdate(jobId, "SET #progressAt = :now", "#state = :scanning",
				Map.of(":now", s(this.clock.instant().toString()), ":scanning", s(JobState.SCANNING.name())));
	}

	/**
	 * Notes why a bucket job's crawl stopped. The job stays CRAWLING: its workers go on
	 * scanning what was queued, and running it again resumes the crawl from its
	 * checkpoints (FAILED would make the workers drop its queued objects).
	 * @return whether it was still crawling
	 */
	public boolean crawlStopped(String jobId, String reason) {
		return conditionalUpdate(jobId, "SET #updatedAt = :now, #reason = :reason", "#state = :crawling", Map.of(":now",
				s(this.clock.instant().toString()), ":reason", s(reason), ":crawling", s(JobState.CRAWLING.name())));
	}

	/**
	 * Cancels a job that is still crawling or scanning; crawlers and workers see it and
	 * stop.
	 * @return whether it was cancelled now
	 */
	public boolean cancel(String jobId, String reason) {
		return conditionalUpdate(jobId, "SET #state = :to, #updatedAt = :now, #reason = :reason",
				"#state IN (:crawling, :scanning)",
				Map.of(":to", s(JobState.CANCELLED.name()), ":now", s(this.clock.instant().toString()), ":reason",
						s(reason), ":crawling", s(JobState.CRAWLING.name()), ":scanning", s(JobState.SCANNING.name())));
	}

	/**
	 * Ends a job whose crawl is finished and whose every queued object has a result.
	 * @return whether it was done now
	 */
	public boolean finishIfComplete(String jobId) {
		return conditionalUpdate(jobId, "SET #state = :done, #updatedAt = :now",
				"#state = :scanning AND #scanned >= #queued", Map.of(":done", s(JobState.DONE.name()), ":now",
						s(this.clock.instant().toString()), ":scanning", s(JobState.SCANNING.name())));
	}

	private boolean conditionalUpdate(String jobId, String update, String condition,
			Map<String, AttributeValue> values) {
		try {
			this.dynamo.updateItem((request) -> request.tableName(this.table)
				.key(JobItems.key(jobId, JOB))
				.updateExpression(update)
				.conditionExpression("attribute_exists(pk) AND " + condition)
				.expressionAttributeNames(names(update + " " + condition))
				.expressionAttributeValues(values));
			return true;
		}
		catch (ConditionalCheckFailedException ex) {
			return false;
		}
		catch (SdkException ex) {
			throw new StoreException("Updating job " + jobId + " failed", ex);
		}
	}

	/** The attribute names an expression uses as {@code #name}. */
	private static Map<String, String> names(String expression) {
		Map<String, String> names = new HashMap<>();
		Matcher matcher = NAME.matcher(expression);
		while (matcher.find()) {
			names.put("#" + matcher.group(1), matcher.group(1));
		}
		return names;
	}

	private List<TransactWriteItem> withCounters(String jobId, Map<Counter, Long> counts, TransactWriteItem first) {
		return withCounters(jobId, counts, first, false);
	}

	/**
	 * @param result the counts are an object's result: the job's {@code progressAt}
	 * becomes now
	 */
	private List<TransactWriteItem> withCounters(String jobId, Map<Counter, Long> counts, TransactWriteItem first,
			boolean result) {
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
					.key(JobItems.key(jobId, JOB))
					.updateExpression(add.toString())
					.conditionExpression("attribute_exists(pk)")
					.expressionAttributeNames(names)
					.expressionAttributeValues(values))
				.build());
		}
		return items;
	}

	private void transact(String what, List<TransactWriteItem> items) {
		call(what, () -> this.dynamo.transactWriteItems((request) -> request.transactItems(items)));
	}

	private static boolean conditionFailedFirst(TransactionCanceledException ex) {
		List<CancellationReason> reasons = ex.cancellationReasons();
		return !reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.getFirst().code());
	}

	private static void setOrRemove(StringBuilder set, StringBuilder remove, Map<String, String> names,
			Map<String, AttributeValue> values, String name, String value) {
		names.put("#" + name, name);
		if (value != null) {
			set.append(", #").append(name).append(" = :").append(name);
			values.put(":" + name, s(value));
		}
		else {
			remove.append(remove.isEmpty() ? "#" : ", #").append(name);
		}
	}

	private static <T> T call(String what, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (SdkException ex) {
			throw new StoreException(what + " failed: " + ex.getMessage(), ex);
		}
	}

	private static void call(String what, Runnable call) {
		call(what, () -> {
			call.run();
			return null;
		});
	}

	static AttributeValue s(String value) {
		return AttributeValue.fromS(value);
	}

	static AttributeValue n(long value) {
		return AttributeValue.fromN(Long.toString(value));
	}

}
