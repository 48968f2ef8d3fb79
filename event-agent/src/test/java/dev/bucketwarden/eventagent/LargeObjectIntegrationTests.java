package dev.bucketwarden.eventagent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import dev.bucketwarden.local.samples.Samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Memory does not grow with object size: the agent runs as its own JVM with a 128 MiB
 * heap and scans a 200 MiB object whose only detectable bytes are its last ones, so the
 * verdict proves every byte went from S3 through the agent to clamd.
 */
class LargeObjectIntegrationTests {

	private static final long SIZE = 200L << 20;

	@Test
	void shouldScanA200MiBObjectWithA128MiBHeap() throws Exception {
		TestStack stack = TestStack.get();
		TestStack.Lane lane = stack.lane("large-objects");
		Process agent = AgentJvm.start(stack, lane, Path.of("target", "large-object-agent.log"), Map.of());
		try {
			lane.s3()
				.putObject((r) -> r.bucket(lane.bucket()).key("big/random-with-marker.bin"),
						RequestBody.fromContentProvider(() -> Samples.randomWithMarkerAtEnd(SIZE, 5), SIZE,
								"application/octet-stream"));

			String quarantined = lane.bucket() + "/big/random-with-marker.bin";
			await().atMost(Duration.ofMinutes(4))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> agent.isAlive() && quarantineTags(stack, quarantined).containsKey("scan-result"));
			assertThat(quarantineTags(stack, quarantined)).containsEntry("scan-result", "Infected")
				.hasEntrySatisfying("virus-name", (name) -> assertThat(name).startsWith("BucketWarden.Test.Marker"));
			assertThat(agent.isAlive()).as("the agent did not run out of memory").isTrue();
		}
		finally {
			agent.destroy();
			if (!agent.waitFor(30, TimeUnit.SECONDS)) {
				agent.destroyForcibly();
			}
			lane.relay().close();
		}
	}

	/**
	 * The agent receives with a 1 s visibility timeout and scans for longer than two
	 * timeouts: only the renewal keeps the message from a second consumer (this test) and
	 * from the agent's own next poll.
	 */
	@Test
	void shouldKeepTheMessageInvisibleWhileALongScanRuns() throws Exception {
		TestStack stack = TestStack.get();
		TestStack.Lane lane = stack.lane("visibility");
		Duration timeout = Duration.ofSeconds(1);
		Path log = Path.of("target", "visibility-agent.log");
		Process agent = AgentJvm.start(stack, lane, log,
				Map.of("bucketwarden.event-agent.visibility-timeout", timeout.toSeconds() + "s"));
		try {
			String key = "big/long-scan.bin";
			lane.s3()
				.putObject((r) -> r.bucket(lane.bucket()).key(key), RequestBody.fromContentProvider(
						() -> Samples.randomWithMarkerAtEnd(SIZE, 7), SIZE, "application/octet-stream"));
			String scanning = "Scanning s3://" + lane.bucket() + "/" + key;
			String done = "Quarantined infected s3://" + lane.bucket() + "/" + key;
			await().atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> Files.readString(log).contains(scanning));
			long started = System.nanoTime();

			// Poll the scan queue as a second agent would, for as long as the scan runs.
			List<String> stolen = new ArrayList<>();
			long deadline = started + TimeUnit.MINUTES.toNanos(3);
			while (!Files.readString(log).contains(done) && System.nanoTime() < deadline && agent.isAlive()) {
				stack.sqs.receiveMessage((r) -> r.queueUrl(lane.queueUrl()).waitTimeSeconds(1).maxNumberOfMessages(10))
					.messages()
					.forEach((message) -> stolen.add(message.messageId()));
			}
			Duration scan = Duration.ofNanos(System.nanoTime() - started);

			assertThat(Files.readString(log)).contains(done);
			assertThat(scan).as("the scan outlasted two visibility timeouts").isGreaterThan(timeout.multipliedBy(2));
			assertThat(stolen).as("messages another consumer received during the scan").isEmpty();
			assertThat(Files.readString(log).split(java.util.regex.Pattern.quote(scanning), -1)).as("scanned once")
				.hasSize(2);
		}
		finally {
			agent.destroy();
			if (!agent.waitFor(30, TimeUnit.SECONDS)) {
				agent.destroyForcibly();
			}
			lane.relay().close();
		}
	}

	@Test
	void shouldFinishTheScanInFlightOnShutdown() throws Exception {
		TestStack stack = TestStack.get();
		TestStack.Lane lane = stack.lane("graceful-shutdown");
		Path log = Path.of("target", "graceful-shutdown-agent.log");
		Process agent = AgentJvm.start(stack, lane, log, Map.of());
		try {
			String key = "big/slow.bin";
			lane.s3()
				.putObject((r) -> r.bucket(lane.bucket()).key(key), RequestBody.fromContentProvider(
						() -> Samples.randomWithMarkerAtEnd(SIZE, 6), SIZE, "application/octet-stream"));
			await().atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> Files.readString(log).contains("Scanning s3://" + lane.bucket() + "/" + key));

			// SIGTERM while the scan runs: the agent must finish it before it exits.
			agent.destroy();
			assertThat(agent.waitFor(3, TimeUnit.MINUTES)).as("the agent stopped").isTrue();

			String output = Files.readString(log);
			assertThat(output).contains("Quarantined infected s3://" + lane.bucket() + "/" + key);
			assertThat(output.split("Scanning s3://" + lane.bucket() + "/" + key, -1)).as("scanned once").hasSize(2);
			assertThat(quarantineTags(stack, lane.bucket() + "/" + key)).containsEntry("scan-result", "Infected");
			assertThat(stack.sqs
				.getQueueAttributes((r) -> r.queueUrl(lane.queueUrl())
					.attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
							QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
				.attributes()).as("the message was acknowledged")
				.containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")
				.containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0");
		}
		finally {
			if (agent.isAlive()) {
				agent.destroyForcibly();
			}
			lane.relay().close();
		}
	}

	private static Map<String, String> quarantineTags(TestStack stack, String key) {
		try {
			return stack.s3.getObjectTagging((r) -> r.bucket(TestStack.QUARANTINE).key(key))
				.tagSet()
				.stream()
				.collect(java.util.stream.Collectors.toMap((tag) -> tag.key(), (tag) -> tag.value()));
		}
		catch (RuntimeException ex) {
			return Map.of();
		}
	}

}
