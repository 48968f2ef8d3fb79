package dev.bucketwarden.local.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * The demo's look at the event agent's own metrics: reads its Prometheus endpoint (the
 * local stack has it serve the actuator on 127.0.0.1) and prints the scan meters, what an
 * operator sees in CloudWatch or Prometheus in production (docs/operations.md).
 *
 * <pre>java -cp local-stack.jar dev.bucketwarden.local.demo.DemoMetrics .local-stack/stack.properties</pre>
 */
public final class DemoMetrics {

	private static final List<String> SHOWN = List.of("bucketwarden_scans_total", "bucketwarden_scan_bytes_total",
			"bucketwarden_time_to_verdict_seconds{", "bucketwarden_time_to_verdict_seconds_count",
			"bucketwarden_engine_ready", "bucketwarden_engine_signature_age");

	private DemoMetrics() {
	}

	public static void main(String[] args) throws Exception {
		Properties stack = StackProperties.load(Path.of(args[0]));
		URI prometheus = URI.create(stack.getProperty("event-agent.base-uri") + "/actuator/prometheus");
		try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
			HttpResponse<String> response = http.send(
					HttpRequest.newBuilder(prometheus).timeout(Duration.ofSeconds(30)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(prometheus + " answered " + response.statusCode());
			}
			System.out.println("From " + prometheus + ":");
			shown(response.body()).forEach((line) -> System.out.println("  " + line));
		}
	}

	/** The scan meters' samples of a Prometheus text exposition, without comments. */
	static List<String> shown(String exposition) {
		return exposition.lines()
			.filter((line) -> !line.startsWith("#"))
			.filter((line) -> SHOWN.stream().anyMatch(line::startsWith))
			.toList();
	}

}
