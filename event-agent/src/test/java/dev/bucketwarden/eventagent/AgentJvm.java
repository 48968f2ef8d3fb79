package dev.bucketwarden.eventagent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The event agent in a JVM of its own, as it runs in its container (its own {@code main},
 * a 128 MiB heap), configured for one lane of the test stack: for what a Spring test
 * context inside the test's JVM cannot show (memory, the JVM's own life).
 */
final class AgentJvm {

	private AgentJvm() {
	}

	static Process start(TestStack stack, TestStack.Lane lane, Path log, Map<String, String> extra) throws IOException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		List<String> command = new ArrayList<>(
				List.of(java.toString(), "-Xmx128m", "-XX:+ExitOnOutOfMemoryError", "-Daws.disableEc2Metadata=true",
						"-cp", System.getProperty("java.class.path"), EventAgentApplication.class.getName()));
		Map<String, String> properties = new LinkedHashMap<>();
		stack.properties().forEach(properties::put);
		properties.put("bucketwarden.event-agent.queue", lane.queue());
		properties.put("bucketwarden.buckets.overrides." + lane.bucket() + ".remediation", "QUARANTINE");
		properties.put("bucketwarden.buckets.overrides." + lane.bucket() + ".quarantine-bucket", TestStack.QUARANTINE);
		properties.putAll(extra);
		properties.forEach((key, value) -> command.add("--" + key + "=" + value));
		Files.createDirectories(log.getParent());
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

}
