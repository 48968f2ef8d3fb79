package dev.bucketwarden.store.large;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.aws.DynamoDbTables;
import dev.bucketwarden.local.dynamodb.DynamoDbLocalServer;
import dev.bucketwarden.local.junit.DynamoDbLocalExtension;
import dev.bucketwarden.store.results.Coverage;
import dev.bucketwarden.store.results.DynamoDbResultStore;
import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.tags.TaggingStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job item's conditional writes against DynamoDB Local: parts added once however many
 * workers add them at once, the verdict decided once, Clean only with every part done,
 * and the results table's readers not taking jobs for records.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class DynamoDbLargeScanJobsIntegrationTests {

	private static final int PARTS = 12;

	private static int tables;

	private DynamoDbLargeScanJobs jobs;

	private DynamoDbResultStore results;

	@BeforeEach
	void createTable(DynamoDbLocalServer server) {
		DynamoDbClient dynamo = AwsClients.dynamoDb(server);
		String table = "large-jobs-" + (++tables);
		DynamoDbTables.createAndAwaitActive(dynamo, DynamoDbResultStore.tableDefinition(table), Duration.ofSeconds(30));
		this.jobs = new DynamoDbLargeScanJobs(dynamo, table);
		this.results = new DynamoDbResultStore(dynamo, table);
	}

	@Test
	void shouldFindTheStandingJobWhenARedeliveryCreatesItAgain() {
		LargeScanJob first = job("r1");
		assertThat(this.jobs.create(first)).isEqualTo(first);
		LargeScanJob again = this.jobs.create(job("r2"));
		assertThat(again.recordId()).isEqualTo("r1");
		assertThat(again.enqueued()).isFalse();
		this.jobs.markEnqueued(first, Instant.now());
		assertThat(this.jobs.find("b", "big.bin", "v1", "etag").orElseThrow().enqueued()).isTrue();
	}

	@Test
	void shouldAddEachPartOnceWhenWorkersAddThemConcurrently() throws Exception {
		LargeScanJob job = this.jobs.create(job("r1"));
		ExecutorService workers = Executors.newFixedThreadPool(6);
		List<Future<Optional<LargeScanJob>>> adds = new ArrayList<>();
		try {
			// Every part twice, as duplicate messages or two workers would.
			for (int round = 0; round < 2; round++) {
				for (int part = 0; part < PARTS; part++) {
					int index = part;
					adds.add(workers.submit(() -> this.jobs.addDone(job, index, 100, Instant.now())));
				}
			}
			int added = 0;
			for (Future<Optional<LargeScanJob>> add : adds) {
				added += add.get(30, TimeUnit.SECONDS).isPresent() ? 1 : 0;
			}
			assertThat(added).isEqualTo(PARTS);
		}
		finally {
			workers.shutdownNow();
		}
		LargeScanJob done = this.jobs.find("b", "big.bin", "v1", "etag").orElseThrow();
		assertThat(done.done()).hasSize(PARTS);
		assertThat(done.allDone()).isTrue();
		assertThat(done.scannedBytes()).isEqualTo(PARTS * 100L);
		assertThat(done.state()).isEqualTo(JobState.RUNNING);
	}

	@Test
	void shouldDecideOnceAndNeverCleanBeforeEveryPartIsDone() {
		LargeScanJob job = this.jobs.create(job("r1"));
		LargeScanJob.Decision clean = new LargeScanJob.Decision(JobState.CLEAN, 0, List.of(), List.of(), null, null);
		this.jobs.addDone(job, 0, 100, Instant.now());
		assertThat(this.jobs.decide(job, clean, Instant.now())).as("Clean with a part missing").isFalse();

		LargeScanJob.Decision infected = new LargeScanJob.Decision(JobState.INFECTED, 0, List.of("Eicar-Signature"),
				List.of(engine()), "Eicar-Signature", null);
		assertThat(this.jobs.decide(job, infected, Instant.now())).isTrue();
		assertThat(this.jobs.decide(job,
				new LargeScanJob.Decision(JobState.ERROR, 1, List.of(), List.of(), "x", "TIMEOUT"), Instant.now()))
			.as("decided once")
			.isFalse();
		assertThat(this.jobs.addDone(job, 1, 100, Instant.now())).as("nothing added to a decided job").isEmpty();

		LargeScanJob decided = this.jobs.find("b", "big.bin", "v1", "etag").orElseThrow();
		assertThat(decided.state()).isEqualTo(JobState.INFECTED);
		assertThat(decided.signatures()).containsExactly("Eicar-Signature");
		assertThat(decided.engines()).containsExactly(engine());
		assertThat(decided.done()).containsExactly(0);
		assertThat(decided.decidedBy()).isZero();

		assertThat(this.jobs.markFinished(decided, Instant.now())).isTrue();
		assertThat(this.jobs.markFinished(decided, Instant.now())).isFalse();
		assertThat(this.jobs.find("b", "big.bin", "v1", "etag").orElseThrow().state()).isEqualTo(JobState.FINISHED);
	}

	@Test
	void shouldDecideCleanOnceEveryPartIsDone() {
		LargeScanJob job = this.jobs.create(job("r1"));
		for (int part = 0; part < PARTS; part++) {
			this.jobs.addDone(job, part, 100, Instant.now());
		}
		LargeScanJob.Decision clean = new LargeScanJob.Decision(JobState.CLEAN, 0, List.of(), List.of(), null, null);
		assertThat(this.jobs.decide(job, clean, Instant.now())).isTrue();
		assertThat(this.jobs.decide(job, clean, Instant.now())).isFalse();
	}

	@Test
	void shouldLeaveJobsOutOfTheRecordsScan() {
		this.jobs.create(job("r1"));
		ScanRecord record = new ScanRecord("r0", "b", "small.txt", null, "e", 3, ResultStatus.CLEAN, null, null,
				List.of(), List.of(), Instant.now(), Duration.ZERO, TaggingStatus.TAGGED, RemediationState.NONE, null,
				true, ScanSource.EVENT);
		this.results.create(record, null);
		assertThat(this.results.scan(100)).extracting(ScanRecord::id).containsExactly("r0");
		assertThat(this.results.find("b", "big.bin", "v1", "etag")).as("a job is not the version's record").isEmpty();
	}

	private static LargeScanJob job(String recordId) {
		return LargeScanJob.start("b", "big.bin", "v1", "etag", 100L << 20, recordId,
				Coverage.windows(8L << 20, 64L << 10, PARTS), ScanSource.EVENT, Instant.now());
	}

	private static ScanRecord.EngineRecord engine() {
		return new ScanRecord.EngineRecord("clamav", "Infected", List.of("Eicar-Signature"), null, "ClamAV 1.4",
				"27000", 12, null, true);
	}

}
