package dev.bucketwarden.eventagent;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

import dev.bucketwarden.local.aws.SqsQueues;
import dev.bucketwarden.local.samples.Samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The event agent as its own JVM scans an object over its engine's limit as a job of
 * parts: the scan queue's event starts the job, the agent's listener of the large-object
 * queue scans the windows, and the window holding the marker (across the first window's
 * end, so only the second window sees it whole) gets the object quarantined and tagged
 * once.
 */
class LargeObjectJobIntegrationTests {

	private static final int LIMIT = 8 << 20;

	private static final int SIZE = 24 << 20;

	@Test
	void shouldQuarantineAnObjectOverTheEngineLimitFoundInItsSecondWindow() throws Exception {
		TestStack stack = TestStack.get();
		TestStack.Lane lane = stack.lane("large-object-job");
		SqsQueues.QueueUrls parts = SqsQueues.createWithDeadLetterQueue(stack.sqs, "large-object-job-parts",
				TestStack.MAX_ATTEMPTS);
		Path log = Path.of("target", "large-object-job-agent.log");
		Process agent = AgentJvm.start(stack, lane, log,
				Map.of("bucketwarden.engines.clamav.stream-max-length", Integer.toString(LIMIT),
						"bucketwarden.large-objects.queue-url", parts.queue(), "bucketwarden.large-objects.overlap",
						"64KB", "bucketwarden.large-objects.max-attempts", Integer.toString(TestStack.MAX_ATTEMPTS)));
		try {
			byte[] content = Samples.random(SIZE, 11);
			byte[] marker = Samples.MARKER.getBytes(StandardCharsets.US_ASCII);
			System.arraycopy(marker, 0, content, LIMIT - marker.length / 2, marker.length);
			lane.s3()
				.putObject((request) -> request.bucket(lane.bucket()).key("big/windows.bin"),
						RequestBody.fromBytes(content));

			String quarantined = lane.bucket() + "/big/windows.bin";
			await().atMost(Duration.ofMinutes(3))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> agent.isAlive() && quarantineTags(stack, quarantined).containsKey("scan-result"));
			assertThat(quarantineTags(stack, quarantined)).containsEntry("scan-result", "Infected");
			// The copy is tagged before the source is deleted and the move logged.
			String moved = "Quarantined infected s3://" + lane.bucket() + "/big/windows.bin";
			await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log).contains(moved));
			String output = Files.readString(log);
			assertThat(output).contains("as a large-object job: 4 parts of WINDOWS");
			assertThat(output).contains("INFECTED by part 1");
			assertThat(output.split(moved, -1)).as("quarantined once").hasSize(2);
		}
		finally {
			agent.destroy();
			if (!agent.waitFor(30, TimeUnit.SECONDS)) {
				agent.destroyForcibly();
			}
			lane.relay().close();
		}
	}

	private static Map<String, String> quarantineTags(TestStack stack, String key) {
		try {
			Map<String, String> tags = new HashMap<>();
			stack.s3.getObjectTagging((request) -> request.bucket(TestStack.QUARANTINE).key(key))
				.tagSet()
				.forEach((tag) -> tags.put(tag.key(), tag.value()));
			return tags;
		}
		catch (RuntimeException ex) {
			return Map.of();
		}
	}

}
