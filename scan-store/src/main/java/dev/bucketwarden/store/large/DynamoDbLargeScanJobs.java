package dev.bucketwarden.store.large;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import dev.bucketwarden.store.StoreException;
import dev.bucketwarden.store.results.DynamoDbResultStore;
import dev.bucketwarden.store.results.ScanSource;

/**
 * Large-object scan jobs in the results table ({@code pk = large#<bucket>/<key>},
 * {@code sk = <versionId or null>#<ETag>}, beside the version's record). Every change is
 * one conditional write, so that any number of workers, redeliveries and duplicates add
 * each part once, decide the verdict once and finish once: a part is added only to a
 * running job and only if it is not in {@code done} yet; a job is decided only from
 * {@code RUNNING}, Clean only when every part is done.
 */
public class DynamoDbLargeScanJobs {

	private final DynamoDbClient dynamo;

	private final String table;

	/**
	 * @param table the results table
	 */
	public DynamoDbLargeScanJobs(DynamoDbClient dynamo, String table) {
		this.dynamo = dynamo;
		this.table = table;
	}

	/**
	 * Creates the job unless the version has one: a redelivered request finds the job its
	 * first delivery created.
	 * @return the job that stands: this one, or the one that was there
	 */
	public LargeScanJob create(LargeScanJob job) {
		try {
			this.dynamo.putItem((request) -> request.tableName(this.table)
				.item(toItem(job))
				.conditionExpression("attribute_not_exists(pk)"));
			return job;
		}
		catch (ConditionalCheckFailedException ex) {
			return find(job.bucket(), job.key(), job.versionId(), job.eTag())
				.orElseThrow(() -> new StoreException("The scan job of " + describe(job) + " is gone", ex));
		}
		catch (SdkException ex) {
			throw new StoreException("Creating the scan job of " + describe(job) + " failed", ex);
		}
	}

	public Optional<LargeScanJob> find(String bucket, String key, @Nullable String versionId, String eTag) {
		try {
			Map<String, AttributeValue> item = this.dynamo
				.getItem((request) -> request.tableName(this.table)
					.consistentRead(true)
					.key(key(bucket, key, versionId, eTag)))
				.item();
			return (item == null || item.isEmpty()) ? Optional.empty() : Optional.of(fromItem(item));
		}
		catch (SdkException ex) {
			throw new StoreException("Reading the scan job of s3://" + bucket + "/" + key + " failed", ex);
		}
	}

	/** Every part's message was sent: a redelivered request sends none again. */
	public void markEnqueued(LargeScanJob job, Instant now) {
		try {
			this.dynamo.updateItem((request) -> request.tableName(this.table)
				.key(key(job))
				.updateExpression("SET enqueued = :true, updatedAt = :now")
				.conditionExpression("attribute_exists(pk)")
				.expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true), ":now", s(now.toString()))));
		}
		catch (SdkException ex) {
			throw new StoreException("Marking the scan job of " + describe(job) + " enqueued failed", ex);
		}
	}

	/**
	 * Adds a part scanned Clean.
	 * @param bytes the part's length
	 * @return the job after the update, or empty when nothing was added: the part was
	 * done already, or the job is no longer running
	 */
	public Optional<LargeScanJob> addDone(LargeScanJob job, int part, long bytes, Instant now) {
		AttributeValue index = AttributeValue.fromN(Integer.toString(part));
		try {
			Map<String, AttributeValue> item = this.dynamo.updateItem((request) -> request.tableName(this.table)
				.key(key(job))
				.updateExpression("ADD done :part, scannedBytes :bytes SET updatedAt = :now")
				.conditionExpression("#state = :running AND NOT contains(done, :index)")
				.expressionAttributeNames(Map.of("#state", "state"))
				.expressionAttributeValues(Map.of(":part", AttributeValue.fromNs(List.of(index.n())), ":bytes",
						n(bytes), ":now", s(now.toString()), ":running", s(JobState.RUNNING.name()), ":index", index))
				.returnValues(ReturnValue.ALL_NEW)).attributes();
			return Optional.of(fromItem(item));
		}
		catch (ConditionalCheckFailedException ex) {
			return Optional.empty();
		}
		catch (SdkException ex) {
			throw new StoreException("Adding part " + part + " to the scan job of " + describe(job) + " failed", ex);
		}
	}

	/**
	 * Decides the job's verdict, if nobody did: only from {@code RUNNING}, and Clean only
	 * when every part is done.
	 * @return whether this call decided it
	 */
	public boolean decide(LargeScanJob job, LargeScanJob.Decision decision, Instant now) {
		Map<String, AttributeValue> values = new HashMap<>();
		values.put(":running", s(JobState.RUNNING.name()));
		values.put(":state", s(decision.state().name()));
		values.put(":signatures",
				AttributeValue.fromL(decision.signatures().stream().map(DynamoDbLargeScanJobs::s).toList()));
		values.put(":engines",
				AttributeValue.fromL(decision.engines().stream().map(DynamoDbResultStore::engine).toList()));
		values.put(":now", s(now.toString()));
		values.put(":part", n(decision.part()));
		StringBuilder update = new StringBuilder(
				"SET #state = :state, signatures = :signatures, engines = :engines, updatedAt = :now, decidedBy = :part");
		StringBuilder condition = new StringBuilder("#state = :running");
		if (decision.reason() != null) {
			update.append(", reason = :reason");
			values.put(":reason", s(decision.reason()));
		}
		if (decision.errorKind() != null) {
			update.append(", errorKind = :errorKind");
			values.put(":errorKind", s(decision.errorKind()));
		}
		if (decision.state() == JobState.CLEAN) {
			condition.append(" AND size(done) >= :parts");
			values.put(":parts", n(job.parts()));
		}
		try {
			this.dynamo.updateItem((request) -> request.tableName(this.table)
				.key(key(job))
				.updateExpression(update.toString())
				.conditionExpression(condition.toString())
				.expressionAttributeNames(Map.of("#state", "state"))
				.expressionAttributeValues(values));
			return true;
		}
		catch (ConditionalCheckFailedException ex) {
			return false;
		}
		catch (SdkException ex) {
			throw new StoreException("Deciding the scan job of " + describe(job) + " failed", ex);
		}
	}

	/**
	 * The decided job's verdict is recorded, tagged, remediated and published.
	 * @return whether this call finished it (false: it was finished already)
	 */
	public boolean markFinished(LargeScanJob job, Instant now) {
		try {
			this.dynamo.updateItem((request) -> request.tableName(this.table)
				.key(key(job))
				.updateExpression("SET #state = :finished, updatedAt = :now")
				.conditionExpression("attribute_exists(pk) AND NOT #state IN (:running, :finished)")
				.expressionAttributeNames(Map.of("#state", "state"))
				.expressionAttributeValues(Map.of(":finished", s(JobState.FINISHED.name()), ":running",
						s(JobState.RUNNING.name()), ":now", s(now.toString()))));
			return true;
		}
		catch (ConditionalCheckFailedException ex) {
			return false;
		}
		catch (SdkException ex) {
			throw new StoreException("Finishing the scan job of " + describe(job) + " failed", ex);
		}
	}

	/** The item's key: the version's record key with {@code large#} before it. */
	public static Map<String, AttributeValue> key(String bucket, String key, @Nullable String versionId, String eTag) {
		return Map.of("pk", s(DynamoDbResultStore.LARGE_JOB_PREFIX + bucket + "/" + key), "sk",
				s(((versionId != null) ? versionId : "null") + "#" + eTag));
	}

	private static Map<String, AttributeValue> key(LargeScanJob job) {
		return key(job.bucket(), job.key(), job.versionId(), job.eTag());
	}

	static Map<String, AttributeValue> toItem(LargeScanJob job) {
		Map<String, AttributeValue> item = new HashMap<>(key(job));
		item.put("bucket", s(job.bucket()));
		item.put("key", s(job.key()));
		if (job.versionId() != null) {
			item.put("versionId", s(job.versionId()));
		}
		item.put("eTag", s(job.eTag()));
		item.put("size", n(job.size()));
		item.put("recordId", s(job.recordId()));
		item.put("coverage", DynamoDbResultStore.coverage(job.coverage()));
		item.put("parts", n(job.parts()));
		if (!job.done().isEmpty()) {
			// DynamoDB holds no empty sets: a job without parts done has no attribute.
			item.put("done", AttributeValue.fromNs(job.done().stream().map(String::valueOf).toList()));
		}
		item.put("state", s(job.state().name()));
		item.put("signatures", AttributeValue.fromL(job.signatures().stream().map(DynamoDbLargeScanJobs::s).toList()));
		item.put("engines", AttributeValue.fromL(job.engines().stream().map(DynamoDbResultStore::engine).toList()));
		if (job.reason() != null) {
			item.put("reason", s(job.reason()));
		}
		if (job.errorKind() != null) {
			item.put("errorKind", s(job.errorKind()));
		}
		item.put("enqueued", AttributeValue.fromBool(job.enqueued()));
		item.put("source", s(job.source().name()));
		item.put("createdAt", s(job.createdAt().toString()));
		item.put("updatedAt", s(job.updatedAt().toString()));
		item.put("scannedBytes", n(job.scannedBytes()));
		if (job.decidedBy() != null) {
			item.put("decidedBy", n(job.decidedBy()));
		}
		return item;
	}

	static LargeScanJob fromItem(Map<String, AttributeValue> item) {
		Set<Integer> done = new HashSet<>();
		if (item.containsKey("done")) {
			item.get("done").ns().forEach((index) -> done.add(Integer.parseInt(index)));
		}
		return new LargeScanJob(item.get("bucket").s(), item.get("key").s(), str(item, "versionId"),
				item.get("eTag").s(), Long.parseLong(item.get("size").n()), item.get("recordId").s(),
				DynamoDbResultStore.coverage(item.get("coverage").m()), done, JobState.valueOf(item.get("state").s()),
				item.containsKey("signatures") ? item.get("signatures").l().stream().map(AttributeValue::s).toList()
						: List.of(),
				item.containsKey("engines") ? item.get("engines")
					.l()
					.stream()
					.map((engine) -> DynamoDbResultStore.engine(engine.m()))
					.toList() : List.of(),
				str(item, "reason"), str(item, "errorKind"),
				item.containsKey("enqueued") && item.get("enqueued").bool(),
				item.containsKey("source") ? ScanSource.valueOf(item.get("source").s()) : ScanSource.EVENT,
				Instant.parse(item.get("createdAt").s()), Instant.parse(item.get("updatedAt").s()),
				item.containsKey("scannedBytes") ? Long.parseLong(item.get("scannedBytes").n()) : 0,
				item.containsKey("decidedBy") ? Integer.valueOf(item.get("decidedBy").n()) : null);
	}

	private static @Nullable String str(Map<String, AttributeValue> item, String name) {
		AttributeValue value = item.get(name);
		return (value != null) ? value.s() : null;
	}

	private static String describe(LargeScanJob job) {
		return "s3://" + job.bucket() + "/" + job.key() + " (version " + job.versionId() + ", ETag " + job.eTag() + ")";
	}

	private static AttributeValue s(String value) {
		return AttributeValue.fromS(value);
	}

	private static AttributeValue n(long value) {
		return AttributeValue.fromN(Long.toString(value));
	}

}
