package dev.bucketwarden.store.large;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import dev.bucketwarden.store.StoreException;
import dev.bucketwarden.store.results.Coverage;
import dev.bucketwarden.store.results.DynamoDbResultStore;

/**
 * Reads the large-object job items from the results table for the console: it never
 * writes. The items are few (one per object larger than the engines' limit) and the table
 * has no index on them, so a filtered Scan bounded in items reads them.
 */
public class LargeJobProgressReader {

	/**
	 * The job items' partition key prefix. A bucket name holds no {@code #}, so no scan
	 * record's {@code pk} ({@code bucket/key}) starts with it.
	 */
	public static final String PK_PREFIX = DynamoDbResultStore.LARGE_JOB_PREFIX;

	private final DynamoDbClient dynamo;

	private final String table;

	public LargeJobProgressReader(DynamoDbClient dynamo, String table) {
		this.dynamo = dynamo;
		this.table = table;
	}

	/**
	 * Up to {@code maxJobs} jobs, running ones first, then the most recently updated,
	 * from at most {@code maxExamined} items of the table: the job items have no index,
	 * so each read is a filtered Scan, and what it costs is the items it examines, not
	 * the jobs it finds.
	 */
	public Jobs read(int maxJobs, int maxExamined) {
		List<LargeJobProgress> jobs = new ArrayList<>();
		Map<String, AttributeValue> start = null;
		long examined = 0;
		try {
			do {
				// Limit bounds the items examined, not those returned: a page may hold
				// none.
				ScanRequest.Builder request = ScanRequest.builder()
					.tableName(this.table)
					.filterExpression("begins_with(pk, :large)")
					.expressionAttributeValues(Map.of(":large", AttributeValue.fromS(PK_PREFIX)))
					.limit((int) Math.min(1000, maxExamined - examined));
				if (start != null) {
					request.exclusiveStartKey(start);
				}
				ScanResponse response = this.dynamo.scan(request.build());
				examined += response.scannedCount();
				response.items().forEach((item) -> jobs.add(fromItem(item)));
				start = (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty())
						? response.lastEvaluatedKey() : null;
			}
			while (start != null && examined < maxExamined && jobs.size() < maxJobs);
		}
		catch (SdkException ex) {
			throw new StoreException("Reading large-object jobs from " + this.table + " failed", ex);
		}
		List<LargeJobProgress> sorted = jobs.stream()
			.sorted(Comparator.comparing((LargeJobProgress job) -> !job.state().running())
				.thenComparing(LargeJobProgress::updatedAt, Comparator.reverseOrder()))
			.limit(maxJobs)
			.toList();
		return new Jobs(sorted, start == null && jobs.size() <= maxJobs);
	}

	static LargeJobProgress fromItem(Map<String, AttributeValue> item) {
		try {
			Map<String, AttributeValue> coverage = item.get("coverage").m();
			int parts = Integer.parseInt(item.get("parts").n());
			AttributeValue done = item.get("done");
			AttributeValue versionId = item.get("versionId");
			AttributeValue scanned = item.get("scannedBytes");
			return new LargeJobProgress(item.get("bucket").s(), item.get("key").s(),
					(versionId != null && versionId.s() != null) ? versionId.s() : null, item.get("eTag").s(),
					Long.parseLong(item.get("size").n()), item.get("recordId").s(),
					new Coverage(Coverage.Kind.valueOf(coverage.get("kind").s()),
							Long.parseLong(coverage.get("window").n()), Long.parseLong(coverage.get("overlap").n()),
							Integer.parseInt(coverage.get("parts").n())),
					parts, (done != null && done.hasNs()) ? done.ns().size() : 0,
					LargeJobProgress.State.valueOf(item.get("state").s()),
					(scanned != null) ? Long.parseLong(scanned.n()) : 0, Instant.parse(item.get("createdAt").s()),
					Instant.parse(item.get("updatedAt").s()));
		}
		catch (RuntimeException ex) {
			// A job item in an unknown shape is a bug between writer and reader: name it.
			throw new StoreException("A large-object job item " + item.get("pk") + " cannot be read", ex);
		}
	}

	/**
	 * What one read found.
	 *
	 * @param jobs the jobs, running ones first
	 * @param complete whether the whole table was read and every job is in the list; when
	 * not, jobs beyond the items examined (or beyond the most asked for) are missing
	 */
	public record Jobs(List<LargeJobProgress> jobs, boolean complete) {

		public Jobs {
			jobs = List.copyOf(jobs);
		}

	}

}
