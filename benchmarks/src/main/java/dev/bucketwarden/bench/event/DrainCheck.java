package dev.bucketwarden.bench.event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * After a drain (the clock stopped): every object was scanned exactly once and is Clean,
 * seen four ways. The results table holds one Clean, tagged, published record for each
 * object's exact version; the findings queue holds exactly one Clean finding per object,
 * with that record's scan id; the agent's log has exactly one "Scanned" line per object;
 * each object version carries {@code scan-result=Clean}. And both the scan queue and its
 * dead-letter queue are empty. Consumes the findings, so the next drain starts clean.
 */
final class DrainCheck {

	private static final Pattern SCANNED = Pattern
		.compile("Scanned s3://[^/]+" + "/(\\S+?)(?: \\(version ([^)]+)\\))? \\((\\d+) bytes\\): (\\w+)");

	private static final Pattern FINDING_ID = Pattern.compile("\"id\":\"([^\"]+)\"");

	private static final Pattern FINDING_KEY = Pattern.compile("\"key\":\"([^\"]+)\"");

	private static final Duration FINDINGS_TIMEOUT = Duration.ofMinutes(2);

	private static final int MAX_LISTED = 5;

	private DrainCheck() {
	}

	/** What is wrong; empty when every object was scanned exactly once and is Clean. */
	static List<String> problems(EventStack stack, String prefix, List<Uploads.Uploaded> objects,
			AgentDrain.Result drain) {
		List<String> problems = new ArrayList<>();
		Map<String, Uploads.Uploaded> byKey = new HashMap<>();
		objects.forEach((object) -> byKey.put(object.key(), object));
		Map<String, String> scanIds = records(byKey, drain.rows(), problems);
		findings(stack, byKey, scanIds, problems);
		log(prefix, byKey, drain.log(), problems);
		tags(stack, objects, problems);
		Uploads.QueueCounts scanQueue = Uploads.QueueCounts.of(stack.sqs, stack.scanQueueUrl());
		if (scanQueue.total() != 0) {
			problems.add("the scan queue still holds messages: " + scanQueue);
		}
		Uploads.QueueCounts deadLetters = Uploads.QueueCounts.of(stack.sqs, stack.deadLetterQueueUrl());
		if (deadLetters.total() != 0) {
			problems.add("the dead-letter queue holds messages: " + deadLetters);
		}
		return problems;
	}

	/** Checks the records; returns each object's scan id. */
	private static Map<String, String> records(Map<String, Uploads.Uploaded> byKey, List<AgentDrain.ScanRow> rows,
			List<String> problems) {
		Map<String, String> scanIds = new HashMap<>();
		List<String> wrong = new ArrayList<>();
		for (AgentDrain.ScanRow row : rows) {
			Uploads.Uploaded object = byKey.get(row.key());
			if (object == null) {
				wrong.add(row.key() + ": a record for an object that was not uploaded in this set");
				continue;
			}
			if (scanIds.put(row.key(), row.id()) != null) {
				wrong.add(row.key() + ": more than one record");
			}
			if (!object.bucket().equals(row.bucket()) || !java.util.Objects.equals(object.versionId(), row.versionId())
					|| !object.eTag().equals(row.eTag())) {
				wrong.add(row.key() + ": record of version " + row.versionId() + "/" + row.eTag() + ", uploaded "
						+ object.versionId() + "/" + object.eTag());
			}
			if (!"Clean".equals(row.result()) || !"TAGGED".equals(row.tagging()) || !row.published()
					|| row.size() != object.size()) {
				wrong.add(row.key() + ": " + row.result() + ", tagging " + row.tagging() + ", published "
						+ row.published() + ", size " + row.size());
			}
		}
		report("scan records", wrong, problems);
		if (scanIds.size() != byKey.size()) {
			problems.add("scan records for " + scanIds.size() + " of " + byKey.size() + " objects");
		}
		return scanIds;
	}

	private static void findings(EventStack stack, Map<String, Uploads.Uploaded> byKey, Map<String, String> scanIds,
			List<String> problems) {
		Map<String, Integer> perKey = new HashMap<>();
		List<String> wrong = new ArrayList<>();
		int received = 0;
		long deadline = System.nanoTime() + FINDINGS_TIMEOUT.toNanos();
		while (received < byKey.size() && System.nanoTime() < deadline) {
			List<Message> messages = stack.sqs
				.receiveMessage((request) -> request.queueUrl(stack.findingsQueueUrl())
					.maxNumberOfMessages(10)
					.waitTimeSeconds(1)
					.visibilityTimeout(600)
					.messageAttributeNames("All"))
				.messages();
			Uploads.delete(stack.sqs, stack.findingsQueueUrl(), messages);
			for (Message message : messages) {
				received++;
				String key = group(FINDING_KEY, message.body());
				String id = group(FINDING_ID, message.body());
				MessageAttributeValue result = message.messageAttributes().get("scanResult");
				perKey.merge(key, 1, Integer::sum);
				if (!byKey.containsKey(key) || result == null || !"Clean".equals(result.stringValue())
						|| !id.equals(scanIds.get(key))) {
					wrong.add(key + ": finding " + ((result != null) ? result.stringValue() : "without result")
							+ " with scan id " + id + ", record's " + scanIds.get(key));
				}
			}
		}
		// Anything beyond one per object would be a second scan's finding.
		received += Uploads.QueueCounts.of(stack.sqs, stack.findingsQueueUrl()).visible();
		Uploads.clearQueue(stack.sqs, stack.findingsQueueUrl());
		perKey.forEach((key, count) -> {
			if (count != 1) {
				wrong.add(key + ": " + count + " findings");
			}
		});
		report("findings", wrong, problems);
		if (received != byKey.size() || perKey.size() != byKey.size()) {
			problems.add(
					received + " findings for " + perKey.size() + " objects, expected one for each of " + byKey.size());
		}
	}

	/** The "Scanned" lines of this set's keys (the log also has other sets' lines). */
	private static void log(String prefix, Map<String, Uploads.Uploaded> byKey, List<String> log,
			List<String> problems) {
		Map<String, Integer> scans = new HashMap<>();
		List<String> wrong = new ArrayList<>();
		for (String line : log) {
			Matcher matcher = SCANNED.matcher(line);
			if (matcher.find() && matcher.group(1).startsWith(prefix)) {
				scans.merge(matcher.group(1), 1, Integer::sum);
				if (!matcher.group(4).equals("Clean")) {
					wrong.add(matcher.group(1) + ": scanned " + matcher.group(4));
				}
			}
		}
		scans.forEach((key, count) -> {
			if (count != 1 || !byKey.containsKey(key)) {
				wrong.add(key + ": scanned " + count + " times");
			}
		});
		report("agent log", wrong, problems);
		if (scans.size() != byKey.size()) {
			problems.add("the agent's log shows scans of " + scans.size() + " of " + byKey.size() + " objects");
		}
	}

	/** Every version carries its Clean tag; four threads, after the clock stopped. */
	private static void tags(EventStack stack, List<Uploads.Uploaded> objects, List<String> problems) {
		ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			for (Uploads.Uploaded object : objects) {
				executor.execute(() -> {
					try {
						List<Tag> tags = stack.s3
							.getObjectTagging((request) -> request.bucket(object.bucket())
								.key(object.key())
								.versionId(object.versionId()))
							.tagSet();
						boolean clean = tags.stream()
							.anyMatch((tag) -> tag.key().equals("scan-result") && tag.value().equals("Clean"));
						if (!clean) {
							wrong.add(object.key() + ": tags " + tags);
						}
					}
					catch (RuntimeException ex) {
						wrong.add(object.key() + ": " + ex);
					}
				});
			}
			executor.shutdown();
			if (!executor.awaitTermination(5, TimeUnit.MINUTES)) {
				wrong.add("reading the tags took longer than 5 minutes");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			wrong.add("interrupted while reading the tags");
		}
		finally {
			executor.shutdownNow();
		}
		report("tags", List.copyOf(wrong), problems);
	}

	private static void report(String what, List<String> wrong, List<String> problems) {
		if (!wrong.isEmpty()) {
			problems.add(what + ": " + wrong.size() + " wrong, e.g. "
					+ String.join("; ", wrong.subList(0, Math.min(MAX_LISTED, wrong.size()))));
		}
	}

	private static String group(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		return matcher.find() ? matcher.group(1) : "?";
	}

}
