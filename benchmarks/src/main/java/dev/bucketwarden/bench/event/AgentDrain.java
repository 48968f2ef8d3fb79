package dev.bucketwarden.bench.event;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import dev.bucketwarden.bench.support.AgentProcess;
import dev.bucketwarden.bench.support.Pause;
import dev.bucketwarden.bench.support.ProcessCpu;
import dev.bucketwarden.bench.support.ThreadCpu;

/**
 * One measured drain of a backlog of S3 events by the event agent, in one of two ways.
 * <ul>
 * <li><b>Fresh agent</b> ({@link #fresh}): the events wait on the scan queue; the agent
 * starts (a new JVM) and the drain runs from its first receive. That start is seen by
 * polling the scan queue's in-flight count every {@link #RECEIVE_POLL} while the agent
 * starts (cheap, nothing is scanned yet); it is taken as the last poll that still saw no
 * message in flight, so the drain is never shorter than it was, by at most the resolution
 * printed beside it. The JIT compiles the agent's code during the drain.</li>
 * <li><b>Warm agent</b> ({@link #warm}): the agent already runs and has scanned a warm-up
 * set; the relay held the set's events back while it was written, and they are released
 * onto the scan queue at once. The drain runs from the first batch sent.</li>
 * </ul>
 * Both end when the last object was tagged: the latest {@code scannedAt} of the records,
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

	static final String AGENT = "event agent";

	private AgentDrain() {
	}

	/**
	 * What the drain measured.
	 *
	 * @param start the drain's start: the last moment no message was in flight yet, or
	 * when the first event was released
	 * @param firstSeen when the first message in flight was seen (fresh agent), or
	 * {@code start}
	 * @param end when the last object was tagged
	 * @param rows the scan records of the set
	 * @param cpu CPU per process from the first receive until completion was seen
	 * @param agentThreads the agent's CPU meanwhile, share per group of threads
	 * @param log the agent's log
	 */
	record Result(Instant start, Instant firstSeen, Instant end, List<ScanRow> rows, ProcessCpu.Usage cpu,
			Map<String, Double> agentThreads, List<String> log) {

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
	 * @param bucket the object's bucket
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
	 * @param itemBytes the record's size in DynamoDB ({@link ItemSize})
	 */
	record ScanRow(String bucket, String key, String versionId, String eTag, String id, long size, String result,
			String tagging, boolean published, Instant scannedAt, long scanMillis, long itemBytes) {

		static ScanRow of(Map<String, AttributeValue> item) {
			return new ScanRow(s(item, "bucket"), s(item, "key"), s(item, "versionId"), s(item, "eTag"), s(item, "id"),
					Long.parseLong(item.get("size").n()), s(item, "result"), s(item, "tagging"),
					Boolean.TRUE.equals(item.get("published").bool()), Instant.parse(s(item, "scannedAt")),
					Long.parseLong(item.get("scanMillis").n()), ItemSize.of(item));
		}

		private static String s(Map<String, AttributeValue> item, String name) {
			AttributeValue value = item.get(name);
			return (value != null) ? value.s() : null;
		}

	}

	/**
	 * A fresh agent, just started on the backlog: times the drain from its first receive.
	 */
	static Result fresh(EventStack stack, AgentProcess agent, String prefix, int expected, ProcessCpu cpu,
			Duration timeout) {
		cpu.watch(AGENT, agent.pid());
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
				Pause.sleep(RECEIVE_POLL);
			}
			else {
				firstSeen = Instant.now();
			}
		}
		if (start == null) {
			throw new IllegalStateException("The agent received before the first poll; cannot time the drain");
		}
		return finish(stack, agent, start, firstSeen, prefix, expected, cpu, cpu.sample(),
				ThreadCpu.sample(agent.pid()), timeout);
	}

	/**
	 * A running, warmed-up agent: releases the events the relay held back onto the scan
	 * queue (batches of 10, as fast as ElasticMQ takes them) and times the drain from the
	 * moment the first batch was sent, which is no later than the first receive.
	 */
	static Result warm(EventStack stack, AgentProcess agent, List<String> events, String prefix, ProcessCpu cpu,
			Duration timeout) {
		cpu.watch(AGENT, agent.pid());
		ProcessCpu.Sample before = cpu.sample();
		Map<String, Long> threadsBefore = ThreadCpu.sample(agent.pid());
		Instant start = Instant.now();
		for (int from = 0; from < events.size(); from += 10) {
			List<String> batch = events.subList(from, Math.min(events.size(), from + 10));
			List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
			for (int i = 0; i < batch.size(); i++) {
				entries.add(SendMessageBatchRequestEntry.builder()
					.id(Integer.toString(i))
					.messageBody(batch.get(i))
					.build());
			}
			SendMessageBatchResponse sent = stack.sqs
				.sendMessageBatch((request) -> request.queueUrl(stack.scanQueueUrl()).entries(entries));
			if (!sent.failed().isEmpty()) {
				throw new IllegalStateException("ElasticMQ refused events: " + sent.failed());
			}
		}
		return finish(stack, agent, start, start, prefix, events.size(), cpu, before, threadsBefore, timeout);
	}

	/**
	 * Waits until every object has its finding, with the CPU counted from the start of
	 * the drain, then reads the records.
	 */
	private static Result finish(EventStack stack, AgentProcess agent, Instant start, Instant firstSeen, String prefix,
			int expected, ProcessCpu cpu, ProcessCpu.Sample before, Map<String, Long> threadsBefore, Duration timeout) {
		awaitFindings(stack, agent, expected, timeout);
		ProcessCpu.Usage usage = ProcessCpu.between(before, cpu.sample());
		Map<String, Double> threads = ThreadCpu.shares(threadsBefore, ThreadCpu.sample(agent.pid()));
		awaitAcknowledged(stack);
		List<ScanRow> rows = rows(stack.dynamo, prefix);
		Instant end = rows.stream().map(ScanRow::scannedAt).max(Comparator.naturalOrder()).orElse(firstSeen);
		return new Result(start, firstSeen, end, rows, usage, threads, agent.logLines());
	}

	/** Waits until the findings queue holds {@code expected} findings. */
	static void awaitFindings(EventStack stack, AgentProcess agent, int expected, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (Uploads.QueueCounts.of(stack.sqs, stack.findingsQueueUrl()).total() < expected) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The agent did not finish " + expected + " objects within " + timeout
						+ "; scan queue " + Uploads.QueueCounts.of(stack.sqs, stack.scanQueueUrl()) + "; its log:\n"
						+ agent.logTail());
			}
			agent.checkAlive();
			if (Uploads.QueueCounts.of(stack.sqs, stack.deadLetterQueueUrl()).total() > 0) {
				throw new IllegalStateException(
						"A message went to the scan queue's dead-letter queue; the agent's log:\n" + agent.logTail());
			}
			Pause.sleep(DONE_POLL);
		}
	}

	/** The last findings come just before their messages are deleted. */
	static void awaitAcknowledged(EventStack stack) {
		long deadline = System.nanoTime() + ACK_TIMEOUT.toNanos();
		while (Uploads.QueueCounts.of(stack.sqs, stack.scanQueueUrl()).total() > 0 && System.nanoTime() < deadline) {
			Pause.sleep(DONE_POLL);
		}
	}

	/** Every scan record of objects whose key starts with the prefix, in any bucket. */
	static List<ScanRow> rows(DynamoDbClient dynamo, String keyPrefix) {
		List<ScanRow> rows = new ArrayList<>();
		dynamo
			.scanPaginator((request) -> request.tableName(EventStack.RESULTS_TABLE)
				.consistentRead(true)
				.filterExpression("begins_with(#key, :prefix)")
				.expressionAttributeNames(Map.of("#key", "key"))
				.expressionAttributeValues(Map.of(":prefix", AttributeValue.fromS(keyPrefix))))
			.items()
			.forEach((item) -> rows.add(ScanRow.of(item)));
		return rows;
	}

}
