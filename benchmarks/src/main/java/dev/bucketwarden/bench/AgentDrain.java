package dev.bucketwarden.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One measured drain: with the backlog of one size set on the scan queue, starts the
 * event agent, notes when it first receives a message, waits until every object has its
 * finding, stops the agent and reads the scan records.
 * <p>
 * The clock: the drain starts at the first receive, seen by polling the scan queue's
 * in-flight count every {@link #RECEIVE_POLL} while the agent starts (cheap, and nothing
 * is being scanned yet); the start is the last poll that still saw no message in flight,
 * so the drain is never shorter than it was, by at most the resolution printed beside it.
 * It ends when the last object was tagged: the latest {@code scannedAt} of the records,
 * which the pipeline takes right after the tag was written, on the same system clock
 * (microseconds). Completion is noticed by counting findings on the findings queue every
 * {@link #DONE_POLL} (one GetQueueAttributes, nothing that competes with the agent for S3
 * or DynamoDB); a finding is published after the tag and the record.
 */
final class AgentDrain {

	static final Duration RECEIVE_POLL = Duration.ofMillis(10);

	static final Duration DONE_POLL = Duration.ofMillis(200);

	private static final Duration AGENT_START_TIMEOUT = Duration.ofMinutes(3);

	private static final Duration ACK_TIMEOUT = Duration.ofMinutes(1);

	private AgentDrain() {
	}

	/**
	 * What the drain measured.
	 *
	 * @param start the drain's start: the last moment no message was in flight yet
	 * @param firstSeen when the first message in flight was seen
	 * @param end when the last object was tagged
	 * @param rows the scan records of the set
	 * @param cpu CPU per process from the first receive until completion was seen
	 * @param log the agent's log
	 */
	record Result(Instant start, Instant firstSeen, Instant end, List<ScanRow> rows, ProcessCpu.Usage cpu,
			List<String> log) {

		double seconds() {
			return Duration.between(this.start, this.end).toNanos() / 1e9;
		}

		double resolutionMillis() {
			return Duration.between(this.start, this.firstSeen).toNanos() / 1e6;
		}

		/**
		 * Objects per second between the 10th and the 90th percentile of completions: the
		 * rate once started and before the tail, for comparison with the whole drain.
		 */
		double steadyObjectsPerSecond() {
			List<Instant> done = this.rows.stream().map(ScanRow::scannedAt).sorted().toList();
			int from = done.size() / 10;
			int to = done.size() - 1 - done.size() / 10;
			if (to - from < 2) {
				return Double.NaN;
			}
			double seconds = Duration.between(done.get(from), done.get(to)).toNanos() / 1e9;
			return (to - from) / seconds;
		}

	}

	/**
	 * A scan record as the benchmark reads it from the results table.
	 *
	 * @param key the object's key
	 * @param versionId its version
	 * @param eTag its ETag
	 * @param id the scan's id (one per scan)
	 * @param size the object's size
	 * @param result Clean, Infected, ...
	 * @param tagging TAGGED, ...
	 * @param published whether its finding was published
	 * @param scannedAt when the verdict was tagged
	 * @param scanMillis how long the engine chain took
	 */
	record ScanRow(String key, String versionId, String eTag, String id, long size, String result, String tagging,
			boolean published, Instant scannedAt, long scanMillis) {

		static ScanRow of(Map<String, AttributeValue> item) {
			return new ScanRow(s(item, "key"), s(item, "versionId"), s(item, "eTag"), s(item, "id"),
					Long.parseLong(item.get("size").n()), s(item, "result"), s(item, "tagging"),
					Boolean.TRUE.equals(item.get("published").bool()), Instant.parse(s(item, "scannedAt")),
					Long.parseLong(item.get("scanMillis").n()));
		}

		private static String s(Map<String, AttributeValue> item, String name) {
			AttributeValue value = item.get(name);
			return (value != null) ? value.s() : null;
		}

	}

	static Result run(EventStack stack, AgentLaunch launch, String prefix, int expected, ProcessCpu cpu,
			Duration timeout) {
		try (AgentProcess agent = AgentProcess.start(launch.jar(), launch.jvmOptions(), launch.properties(),
				launch.log())) {
			cpu.watch("event agent", agent.pid());
			Instant start = null;
			Instant firstSeen = null;
			long startDeadline = System.nanoTime() + AGENT_START_TIMEOUT.toNanos();
			while (firstSeen == null) {
				if (System.nanoTime() > startDeadline) {
					throw new IllegalStateException("The event agent received nothing within "
							+ AGENT_START_TIMEOUT.toSeconds() + " s; its log:\n" + agent.logTail());
				}
				agent.checkAlive();
				Instant asked = Instant.now();
				Uploads.QueueCounts counts = Uploads.QueueCounts.of(stack.sqs, stack.scanQueueUrl());
				if (counts.visible() == expected && counts.inFlight() == 0) {
					start = asked;
					Uploads.sleep(RECEIVE_POLL);
				}
				else {
					firstSeen = Instant.now();
				}
			}
			if (start == null) {
				throw new IllegalStateException("The agent received before the first poll; cannot time the drain");
			}
			ProcessCpu.Sample before = cpu.sample();
			long deadline = System.nanoTime() + timeout.toNanos();
			while (Uploads.QueueCounts.of(stack.sqs, stack.findingsQueueUrl()).total() < expected) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("The agent did not finish " + expected + " objects within "
							+ timeout + "; scan queue " + Uploads.QueueCounts.of(stack.sqs, stack.scanQueueUrl())
							+ "; its log:\n" + agent.logTail());
				}
				agent.checkAlive();
				if (Uploads.QueueCounts.of(stack.sqs, stack.deadLetterQueueUrl()).total() > 0) {
					throw new IllegalStateException(
							"A message went to the scan queue's dead-letter queue; the agent's log:\n"
									+ agent.logTail());
				}
				Uploads.sleep(DONE_POLL);
			}
			ProcessCpu.Usage usage = ProcessCpu.between(before, cpu.sample());
			awaitAcknowledged(stack);
			agent.close();
			List<ScanRow> rows = rows(stack.dynamo, EventStack.BUCKET + "/" + prefix);
			Instant end = rows.stream().map(ScanRow::scannedAt).max(Comparator.naturalOrder()).orElse(firstSeen);
			return new Result(start, firstSeen, end, rows, usage, agent.logLines());
		}
	}

	/** The last findings come just before their messages are deleted. */
	private static void awaitAcknowledged(EventStack stack) {
		long deadline = System.nanoTime() + ACK_TIMEOUT.toNanos();
		while (Uploads.QueueCounts.of(stack.sqs, stack.scanQueueUrl()).total() > 0 && System.nanoTime() < deadline) {
			Uploads.sleep(DONE_POLL);
		}
	}

	/** Every scan record of objects whose {@code pk} starts with the prefix. */
	static List<ScanRow> rows(DynamoDbClient dynamo, String pkPrefix) {
		List<ScanRow> rows = new ArrayList<>();
		dynamo
			.scanPaginator((request) -> request.tableName(EventStack.RESULTS_TABLE)
				.consistentRead(true)
				.filterExpression("begins_with(pk, :prefix)")
				.expressionAttributeValues(Map.of(":prefix", AttributeValue.fromS(pkPrefix))))
			.items()
			.forEach((item) -> rows.add(ScanRow.of(item)));
		return rows;
	}

	/**
	 * How to start the agent.
	 *
	 * @param jar its executable jar
	 * @param jvmOptions its JVM options
	 * @param properties its Spring properties
	 * @param log where its output goes
	 */
	record AgentLaunch(Path jar, List<String> jvmOptions, Map<String, String> properties, Path log) {
	}

}
