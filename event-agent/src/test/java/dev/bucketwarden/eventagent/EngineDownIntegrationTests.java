package dev.bucketwarden.eventagent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.sqs.model.Message;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bucketwarden.local.clamd.ClamdOptions;
import dev.bucketwarden.local.clamd.ClamdServer;
import dev.bucketwarden.store.results.DynamoDbResultStore;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * clamd goes down: nothing is tagged clean, the message is retried with backoff and goes
 * to the dead-letter queue after the last attempt (which records and tags the error);
 * when clamd is back, new objects are scanned again, and the dead-lettered one is scanned
 * when redriven.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ExtendWith(OutputCaptureExtension.class)
class EngineDownIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(90);

	private static final ClamdServer clamd = ClamdServer
		.start(ClamdOptions.in(Path.of("target", "clamd-down-" + ProcessHandle.current().pid())));

	private static final TestStack.Lane lane = TestStack.get().lane("engine-down");

	@DynamicPropertySource
	static void stack(DynamicPropertyRegistry registry) {
		TestStack.get().register(registry);
		registry.add("bucketwarden.engines.clamav.port", () -> Integer.toString(clamd.port()));
		registry.add("bucketwarden.engines.clamav.connect-timeout", () -> "1s");
		registry.add("bucketwarden.event-agent.queue", lane::queue);
		registry.add("bucketwarden.buckets.overrides." + lane.bucket() + ".remediation", () -> "KEEP");
	}

	@AfterAll
	static void stop() {
		clamd.close();
		lane.relay().close();
	}

	@Test
	void shouldNeverTagCleanWhileClamdIsDownAndRecoverWhenItReturns(CapturedOutput output) {
		clamd.kill();
		PutObjectResponse put = lane.s3()
			.putObject((r) -> r.bucket(lane.bucket()).key("while-down.txt"), RequestBody.fromString("harmless"));

		Message dead = await().atMost(WAIT).until(this::deadLetter, (message) -> message != null);
		assertThat(dead.body()).contains("while-down.txt");
		DynamoDbResultStore results = new DynamoDbResultStore(TestStack.get().dynamo, TestStack.RESULTS_TABLE);
		ScanRecord failed = results.find(lane.bucket(), "while-down.txt", null, put.eTag().replace("\"", ""))
			.orElseThrow();
		assertThat(failed.status()).isEqualTo(ResultStatus.ERROR);
		assertThat(failed.errorKind()).isEqualTo("UNAVAILABLE");
		assertThat(tags("while-down.txt")).containsEntry("scan-result", "Error");
		// Expected retries say so in one (JSON) line each, without a stack trace.
		assertThat(output.getOut().lines())
			.anyMatch(
					(line) -> line.contains("\"level\":\"WARN\"")
							&& Pattern
								.compile("\"message\":\"Attempt 1 of 3 failed, retrying in \\d+ s: Scan of s3://"
										+ lane.bucket() + "/while-down.txt failed \\(attempt 1 of 3\\)")
								.matcher(line)
								.find())
			.anyMatch((line) -> line.contains("\"level\":\"ERROR\"")
					&& line.contains("\"message\":\"Giving up after attempt 3 of 3"));
		assertThat(output.getOut()).doesNotContain("RetryableScanException");

		clamd.restart();
		lane.s3().putObject((r) -> r.bucket(lane.bucket()).key("after-recovery.txt"), RequestBody.fromString("fine"));
		assertThat(
				await().atMost(WAIT).until(() -> tags("after-recovery.txt"), (tags) -> tags.containsKey("scan-result")))
			.containsEntry("scan-result", "Clean");

		// Redrive the dead letter, as an operator would once clamd is back: now it is
		// scanned.
		TestStack.get().sqs.sendMessage((r) -> r.queueUrl(lane.queueUrl()).messageBody(dead.body()));
		assertThat(await().atMost(WAIT)
			.until(() -> tags("while-down.txt"), (tags) -> "Clean".equals(tags.get("scan-result"))))
			.containsEntry("scan-result", "Clean");
	}

	private Message deadLetter() {
		List<Message> messages = TestStack.get().sqs
			.receiveMessage((r) -> r.queueUrl(lane.deadLetterQueueUrl()).maxNumberOfMessages(1).waitTimeSeconds(1))
			.messages();
		if (messages.isEmpty()) {
			// While it is retried, nothing may say clean.
			assertThat(tags("while-down.txt")).doesNotContainEntry("scan-result", "Clean");
			return null;
		}
		return messages.getFirst();
	}

	private Map<String, String> tags(String key) {
		Map<String, String> tags = new LinkedHashMap<>();
		for (Tag tag : lane.s3().getObjectTagging((r) -> r.bucket(lane.bucket()).key(key)).tagSet()) {
			tags.put(tag.key(), tag.value());
		}
		return tags;
	}

}
