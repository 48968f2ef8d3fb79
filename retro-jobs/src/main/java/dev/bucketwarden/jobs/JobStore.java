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

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

import dev.bucketwarden.store.StoreException;
import dev.bucketwarden.store.dynamo.PkSkTable;

import static dev.bucketwarden.jobs.Expressions.call;
import static dev.bucketwarden.jobs.Expressions.n;
import static dev.bucketwarden.jobs.Expressions.names;
import static dev.bucketwarden.jobs.Expressions.s;

/**
 * Jobs in one DynamoDB table, all items of a job under its id ({@code pk}): the job item
 * ({@code sk = JOB}) with its state and counters, one item per partition ({@code PART#n})
 * with its checkpoint, and one per finished object ({@code OBJ#...}) or file
 * ({@code FILE#...}). This class is a job's lifecycle: it creates jobs, finds them and
 * moves their state with conditional writes; the partitions, checkpoints, counters and
 * per-object items are the {@link #ledger() ledger}'s.
 */
public class JobStore {

	static final String JOB = "JOB";

	private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
		.withZone(ZoneOffset.UTC);

	private final DynamoDbClient dynamo;

	private final String table;

	private final Clock clock;

	private final JobLedger ledger;

	public JobStore(DynamoDbClient dynamo, String table, Clock clock) {
		this.dynamo = dynamo;
		this.table = table;
		this.clock = clock;
		this.ledger = new JobLedger(dynamo, table, clock);
	}

	/** The jobs' partitions, checkpoints, counters and per-object items. */
	public JobLedger ledger() {
		return this.ledger;
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
		try {
			call("Creating job " + id,
					() -> this.dynamo.putItem((request) -> request.tableName(this.table)
						.item(item)
						.conditionExpression("attribute_not_exists(pk)")));
		}
		catch (StoreException ex) {
			// The id is new (the time and a random part): a job under it is the one
			// this call wrote, when the answer to an attempt was lost and the SDK's
			// retry met its own write (the condition fails). Otherwise the failure
			// stands.
			return find(id).filter((job) -> job.createdAt().equals(now)).orElseThrow(() -> ex);
		}
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
	 * Records the snapshot taken of an EBS job's volume, while the job is still crawling
	 * (it is not scanned yet) and has no snapshot: a job scans one snapshot.
	 * @return whether it was recorded now
	 */
	public boolean snapshotTaken(String jobId, String snapshotId) {
		return conditionalUpdate(jobId, "SET #ebsSnapshotId = :snapshot",
				"#state = :crawling AND attribute_not_exists(#ebsSnapshotId)",
				Map.of(":snapshot", s(snapshotId), ":crawling", s(JobState.CRAWLING.name())));
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

}
