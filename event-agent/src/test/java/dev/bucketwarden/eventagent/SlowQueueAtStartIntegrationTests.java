package dev.bucketwarden.eventagent;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bucketwarden.local.faults.FaultKind;
import dev.bucketwarden.local.faults.FaultProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An agent started while SQS fails the listener's look-up of the scan queue keeps trying
 * and then scans, instead of failing its start and exiting (what the chaos run saw: an
 * agent restarted on a loaded host whose first answers from SQS came too late).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class SlowQueueAtStartIntegrationTests {

	/** More failed look-ups than the SDK's attempts of one call (3). */
	private static final int FAILED_LOOKUPS = 5;

	private static final TestStack.Lane lane = TestStack.get().lane("slow-queue-at-start");

	private static final FaultProxy sqs = armed(
			FaultProxy.start("sqs", URI.create(TestStack.get().properties().get("spring.cloud.aws.sqs.endpoint")),
					Duration.ofSeconds(2), null));

	@DynamicPropertySource
	static void stack(DynamicPropertyRegistry registry) {
		TestStack.get().register(registry);
		registry.add("spring.cloud.aws.sqs.endpoint", () -> sqs.endpoint().toString());
		registry.add("bucketwarden.event-agent.queue", lane::queue);
		registry.add("bucketwarden.buckets.overrides." + lane.bucket() + ".remediation", () -> "KEEP");
	}

	@AfterAll
	static void stop() {
		sqs.close();
		lane.relay().close();
	}

	@Test
	void shouldKeepTryingToReachTheQueueAndThenScan() {
		lane.s3().putObject((r) -> r.bucket(lane.bucket()).key("after-a-slow-start.txt"), RequestBody.fromString("ok"));

		await().atMost(Duration.ofSeconds(90))
			.until(() -> lane.s3()
				.getObjectTagging((r) -> r.bucket(lane.bucket()).key("after-a-slow-start.txt"))
				.tagSet()
				.stream()
				.anyMatch((tag) -> tag.key().equals("scan-result") && tag.value().equals("Clean")));
		assertThat(sqs.injected()).hasSize(FAILED_LOOKUPS);
	}

	private static FaultProxy armed(FaultProxy proxy) {
		proxy.arm("sqs:GetQueueUrl", FaultKind.INTERNAL_ERROR_500, FAILED_LOOKUPS);
		return proxy;
	}

}
