package dev.bucketwarden.eventagent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bucketwarden.eventagent.intake.IntakeGate;
import dev.bucketwarden.local.clamd.ClamdOptions;
import dev.bucketwarden.local.clamd.ClamdServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code pause-intake: UNREACHABLE}, an agent whose clamd is down stops receiving:
 * the object's event waits on the scan queue, visible, keeping its attempts, instead of
 * being received and failed into the dead-letter queue (what
 * {@link EngineDownIntegrationTests} shows for the default); when clamd is back it is
 * scanned Clean.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class PauseIntakeIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(90);

	private static final ClamdServer clamd = ClamdServer
		.start(ClamdOptions.in(Path.of("target", "clamd-pause-" + ProcessHandle.current().pid())));

	private static final TestStack.Lane lane = TestStack.get().lane("pause-intake");

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void stack(DynamicPropertyRegistry registry) {
		TestStack.get().register(registry);
		registry.add("bucketwarden.engines.clamav.port", () -> Integer.toString(clamd.port()));
		registry.add("bucketwarden.engines.clamav.connect-timeout", () -> "1s");
		registry.add("bucketwarden.health.cache", () -> "500ms");
		registry.add("bucketwarden.event-agent.queue", lane::queue);
		registry.add("bucketwarden.event-agent.pause-intake", () -> "UNREACHABLE");
		// Without the gate, a message received while clamd is down comes back within a
		// second and is received again at once.
		registry.add("bucketwarden.event-agent.retry-backoff-initial", () -> "1s");
		registry.add("bucketwarden.event-agent.retry-backoff-max", () -> "1s");
		registry.add("bucketwarden.buckets.overrides." + lane.bucket() + ".remediation", () -> "KEEP");
	}

	@AfterAll
	static void stop() {
		clamd.close();
		lane.relay().close();
	}

	@Test
	void shouldLeaveMessagesOnTheQueueWhileClamdIsDownAndScanThemWhenItReturns() {
		clamd.kill();
		// The gate is asked before each poll; a long poll already running when it closed
		// may still take a message, so the object comes after that poll has ended.
		await().atMost(WAIT).until(() -> this.meters.get(IntakeGate.METER).gauge().value() == 1);
		sleep(Duration.ofSeconds(12));
		lane.s3().putObject((r) -> r.bucket(lane.bucket()).key("while-down.txt"), RequestBody.fromString("harmless"));

		await().atMost(WAIT).until(() -> visible() == 1);
		for (int i = 0; i < 8; i++) {
			sleep(Duration.ofSeconds(1));
			assertThat(inFlight()).as("no receive while clamd is down (second %d)", i + 1).isZero();
			assertThat(visible()).isEqualTo(1);
		}
		assertThat(deadLetters()).isZero();
		assertThat(tags("while-down.txt")).doesNotContainEntry("scan-result", "Clean");

		clamd.restart();
		assertThat(await().atMost(WAIT)
			.until(() -> tags("while-down.txt"), (tags) -> "Clean".equals(tags.get("scan-result"))))
			.containsEntry("scan-result", "Clean");
		assertThat(deadLetters()).isZero();
	}

	private int visible() {
		return attribute(lane.queueUrl(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
	}

	private int inFlight() {
		return attribute(lane.queueUrl(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
	}

	private int deadLetters() {
		return attribute(lane.deadLetterQueueUrl(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)
				+ attribute(lane.deadLetterQueueUrl(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
	}

	private static int attribute(String queueUrl, QueueAttributeName name) {
		return Integer.parseInt(TestStack.get().sqs.getQueueAttributes((r) -> r.queueUrl(queueUrl).attributeNames(name))
			.attributes()
			.get(name));
	}

	private Map<String, String> tags(String key) {
		Map<String, String> tags = new LinkedHashMap<>();
		for (Tag tag : lane.s3().getObjectTagging((r) -> r.bucket(lane.bucket()).key(key)).tagSet()) {
			tags.put(tag.key(), tag.value());
		}
		return tags;
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
