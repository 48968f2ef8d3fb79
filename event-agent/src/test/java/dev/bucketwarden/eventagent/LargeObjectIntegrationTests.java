package dev.bucketwarden.eventagent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

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
		Process agent = startAgent(stack, lane);
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

	/**
	 * The event agent in a JVM of its own, with a small heap, configured for the lane.
	 */
	private static Process startAgent(TestStack stack, TestStack.Lane lane) throws IOException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		List<String> command = new ArrayList<>(
				List.of(java.toString(), "-Xmx128m", "-XX:+ExitOnOutOfMemoryError", "-Daws.disableEc2Metadata=true",
						"-cp", System.getProperty("java.class.path"), EventAgentApplication.class.getName()));
		Map<String, String> properties = new java.util.LinkedHashMap<>();
		stack.properties().forEach(properties::put);
		properties.put("bucketwarden.event-agent.queue", lane.queue());
		properties.put("bucketwarden.buckets.overrides." + lane.bucket() + ".remediation", "QUARANTINE");
		properties.put("bucketwarden.buckets.overrides." + lane.bucket() + ".quarantine-bucket", TestStack.QUARANTINE);
		properties.forEach((key, value) -> command.add("--" + key + "=" + value));
		Path log = Path.of("target", "large-object-agent.log");
		Files.createDirectories(log.getParent());
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

}
