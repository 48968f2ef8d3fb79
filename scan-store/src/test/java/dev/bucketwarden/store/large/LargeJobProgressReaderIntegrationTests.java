package dev.bucketwarden.store.large;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.aws.DynamoDbTables;
import dev.bucketwarden.local.dynamodb.DynamoDbLocalServer;
import dev.bucketwarden.local.junit.DynamoDbLocalExtension;
import dev.bucketwarden.store.StoreException;
import dev.bucketwarden.store.results.Coverage;
import dev.bucketwarden.store.results.DynamoDbResultStore;
import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.tags.TaggingStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The console's read side of the large-object job items, against DynamoDB Local with
 * items in the layout of docs/large-objects.md; the records' readers never see the jobs.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class LargeJobProgressReaderIntegrationTests {

	private static final long MIB = 1024 * 1024;

	private static final Instant CREATED = Instant.parse("2026-12-06T10:00:00Z");

	private DynamoDbClient dynamo;

	private String table;

	@BeforeEach
	void createTable(DynamoDbLocalServer server) {
		this.dynamo = AwsClients.dynamoDb(server);
		this.table = "large-" + System.nanoTime();
		DynamoDbTables.createAndAwaitActive(this.dynamo, DynamoDbResultStore.tableDefinition(this.table),
				Duration.ofSeconds(30));
	}

	@Test
	void shouldReadRunningJobsFirstWithTheirPartsDone() {
		put(job("backups", "disk.img", "v1", "e1", 20 * 1024 * MIB, "RUNNING", List.of("0", "1", "4"), 82,
				CREATED.plusSeconds(30)));
		put(job("backups", "old.img", null, "e2", 9 * 1024 * MIB, "FINISHED",
				List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), 10, CREATED.plusSeconds(90)));
		put(job("media", "film.mov", "v9", "e3", 3 * 1024 * MIB, "RUNNING", List.of(), 12, CREATED.plusSeconds(60)));

		LargeJobProgressReader.Jobs read = new LargeJobProgressReader(this.dynamo, this.table).read(10, 1000);
		List<LargeJobProgress> jobs = read.jobs();

		assertThat(read.complete()).isTrue();
		assertThat(jobs).extracting(LargeJobProgress::key).containsExactly("film.mov", "disk.img", "old.img");
		LargeJobProgress disk = jobs.get(1);
		assertThat(disk.versionId()).isEqualTo("v1");
		assertThat(disk.done()).isEqualTo(3);
		assertThat(disk.parts()).isEqualTo(82);
		assertThat(disk.percentDone()).isEqualTo(3);
		assertThat(disk.state()).isEqualTo(LargeJobProgress.State.RUNNING);
		assertThat(disk.coverage()).isEqualTo(Coverage.windows(256 * MIB, MIB, 82));
		assertThat(disk.scannedBytes()).isEqualTo(3 * 256 * MIB);
		assertThat(disk.size()).isEqualTo(20 * 1024 * MIB);
		assertThat(disk.recordId()).isEqualTo("rec-disk.img");
		assertThat(disk.age(CREATED.plusSeconds(600))).isEqualTo(Duration.ofMinutes(10));
		assertThat(jobs.get(0).done()).as("no done set yet: DynamoDB keeps no empty set").isZero();
		assertThat(jobs.get(2).versionId()).isNull();
		assertThat(jobs.get(2).percentDone()).isEqualTo(100);
		LargeJobProgressReader.Jobs first = new LargeJobProgressReader(this.dynamo, this.table).read(1, 1000);
		assertThat(first.jobs()).extracting(LargeJobProgress::key).containsExactly("film.mov");
		assertThat(first.complete()).isFalse();
	}

	@Test
	void shouldSayWhenItStoppedBeforeTheEndOfTheTable() {
		DynamoDbResultStore results = new DynamoDbResultStore(this.dynamo, this.table);
		for (int i = 0; i < 30; i++) {
			results.put(new ScanRecord("id-" + i, "backups", "small-" + i + ".txt", null, "e", 10, ResultStatus.CLEAN,
					null, null, List.of(), List.of(), CREATED, Duration.ofMillis(5), TaggingStatus.TAGGED,
					RemediationState.NONE, null, true, ScanSource.EVENT));
		}
		put(job("backups", "disk.img", "v1", "e1", 20 * 1024 * MIB, "RUNNING", List.of("0"), 82, CREATED));
		LargeJobProgressReader reader = new LargeJobProgressReader(this.dynamo, this.table);

		LargeJobProgressReader.Jobs cut = reader.read(10, 5);
		LargeJobProgressReader.Jobs whole = reader.read(10, 1000);

		assertThat(cut.complete()).isFalse();
		assertThat(cut.jobs().size()).isLessThanOrEqualTo(1);
		assertThat(whole.complete()).isTrue();
		assertThat(whole.jobs()).extracting(LargeJobProgress::key).containsExactly("disk.img");
	}

	@Test
	void shouldKeepJobsOutOfTheRecordsAndRecordsOutOfTheJobs() {
		DynamoDbResultStore results = new DynamoDbResultStore(this.dynamo, this.table);
		ScanRecord record = new ScanRecord("id", "backups", "a.txt", null, "e", 10, ResultStatus.CLEAN, null, null,
				List.of(), List.of(), CREATED, Duration.ofMillis(5), TaggingStatus.TAGGED, RemediationState.NONE, null,
				true, ScanSource.EVENT);
		results.put(record);
		put(job("backups", "disk.img", "v1", "e1", 20 * 1024 * MIB, "RUNNING", List.of("0"), 82, CREATED));

		assertThat(results.scan(100)).containsExactly(record);
		assertThat(new LargeJobProgressReader(this.dynamo, this.table).read(100, 1000).jobs())
			.extracting(LargeJobProgress::key)
			.containsExactly("disk.img");
	}

	@Test
	void shouldNameAJobItemItCannotRead() {
		Map<String, AttributeValue> item = job("backups", "disk.img", "v1", "e1", 20 * 1024 * MIB, "PAUSED", List.of(),
				82, CREATED);
		put(item);

		assertThatExceptionOfType(StoreException.class)
			.isThrownBy(() -> new LargeJobProgressReader(this.dynamo, this.table).read(10, 1000))
			.withMessageContaining("large#backups/disk.img");
	}

	private void put(Map<String, AttributeValue> item) {
		this.dynamo.putItem((request) -> request.tableName(this.table).item(item));
	}

	/** A job item as the agents write it (docs/large-objects.md). */
	private static Map<String, AttributeValue> job(String bucket, String key, String versionId, String eTag, long size,
			String state, List<String> done, int parts, Instant updatedAt) {
		Map<String, AttributeValue> item = new HashMap<>();
		item.put("pk", AttributeValue.fromS("large#" + bucket + "/" + key));
		item.put("sk", AttributeValue.fromS(((versionId != null) ? versionId : "null") + "#" + eTag));
		item.put("bucket", AttributeValue.fromS(bucket));
		item.put("key", AttributeValue.fromS(key));
		if (versionId != null) {
			item.put("versionId", AttributeValue.fromS(versionId));
		}
		item.put("eTag", AttributeValue.fromS(eTag));
		item.put("size", AttributeValue.fromN(Long.toString(size)));
		item.put("recordId", AttributeValue.fromS("rec-" + key));
		item.put("coverage", AttributeValue.fromM(Map.of("kind", AttributeValue.fromS("WINDOWS"), "window",
				AttributeValue.fromN(Long.toString(256 * MIB)), "overlap", AttributeValue.fromN(Long.toString(MIB)),
				"parts", AttributeValue.fromN(Integer.toString(parts)))));
		item.put("parts", AttributeValue.fromN(Integer.toString(parts)));
		if (!done.isEmpty()) {
			item.put("done", AttributeValue.fromNs(done));
		}
		item.put("state", AttributeValue.fromS(state));
		item.put("createdAt", AttributeValue.fromS(CREATED.toString()));
		item.put("updatedAt", AttributeValue.fromS(updatedAt.toString()));
		item.put("scannedBytes", AttributeValue.fromN(Long.toString(done.size() * 256 * MIB)));
		return item;
	}

}
