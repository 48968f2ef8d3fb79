package dev.bucketwarden.eventagent;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

import dev.bucketwarden.local.faults.FaultKind;
import dev.bucketwarden.local.faults.FaultProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The agent as its own JVM, started while SQS holds its answers to the queue look-up past
 * the attempt timeout: its {@code main} returns long before the scan queue's listener has
 * started, and the JVM must not end there (the chaos run saw agents exit cleanly at once,
 * with nothing left to keep them running). It stays and scans.
 */
class SlowQueueAtStartProcessIntegrationTests {

	@Test
	void shouldStayAliveUntilTheListenerStartsAndThenScan() throws Exception {
		TestStack stack = TestStack.get();
		TestStack.Lane lane = stack.lane("slow-queue-process");
		try (FaultProxy sqs = FaultProxy.start("sqs",
				URI.create(stack.properties().get("spring.cloud.aws.sqs.endpoint")), Duration.ofSeconds(3), null)) {
			sqs.arm("sqs:GetQueueUrl", FaultKind.DELAY_PAST_TIMEOUT, 4);
			Process agent = AgentJvm.start(stack, lane, Path.of("target", "slow-queue-process-agent.log"),
					Map.of("spring.cloud.aws.sqs.endpoint", sqs.endpoint().toString(),
							"bucketwarden.aws.attempt-timeout", "1s",
							"bucketwarden.buckets.overrides." + lane.bucket() + ".remediation", "KEEP"));
			try {
				lane.s3().putObject((r) -> r.bucket(lane.bucket()).key("late.txt"), RequestBody.fromString("ok"));

				await().atMost(Duration.ofSeconds(120))
					.pollInterval(Duration.ofSeconds(1))
					.until(() -> !agent.isAlive() || "Clean".equals(tags(lane).get("scan-result")));
				assertThat(agent.isAlive()).as("the agent's JVM is still running").isTrue();
				assertThat(sqs.injected()).hasSize(4);
			}
			finally {
				agent.destroy();
				if (!agent.waitFor(30, TimeUnit.SECONDS)) {
					agent.destroyForcibly();
				}
				lane.relay().close();
			}
		}
	}

	private static Map<String, String> tags(TestStack.Lane lane) {
		try {
			return lane.s3()
				.getObjectTagging((r) -> r.bucket(lane.bucket()).key("late.txt"))
				.tagSet()
				.stream()
				.collect(java.util.stream.Collectors.toMap((tag) -> tag.key(), (tag) -> tag.value()));
		}
		catch (RuntimeException ex) {
			return Map.of();
		}
	}

}
