package dev.bucketwarden.apiagent;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.local.samples.Samples;
import dev.bucketwarden.local.support.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Memory does not grow with the body: the agent runs in its own JVM with a 256 MiB heap
 * and takes a 1 GiB upload, scans it while spooling it, stores it, and deletes the spool.
 */
class LargeUploadIntegrationTests {

	private static final long SIZE = 1L << 30;

	@Test
	void shouldScanAndStoreA1GiBUploadWithA256MiBHeap() throws Exception {
		ApiTestStack stack = ApiTestStack.get();
		int port = FreePorts.next();
		Path spool = Path.of("target", "large-upload-spool");
		Files.createDirectories(spool);
		Process agent = start(stack, port, spool);
		try (HttpClient http = HttpClient.newHttpClient()) {
			await().atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> agent.isAlive() && ready(http, port));
			String token = stack.token(ApiTestStack.SCANNER, "scan");

			HttpResponse<String> response = http.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/upload?bucket=" + ApiTestStack.UPLOADS
						+ "&key=large/one-gib.bin"))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "application/octet-stream")
				.timeout(Duration.ofMinutes(8))
				.POST(HttpRequest.BodyPublishers
					.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> Samples.randomStream(SIZE, 9)), SIZE))
				.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
			assertThat(response.body()).contains("\"result\":\"Clean\"").contains("\"size\":" + SIZE);
			assertThat(
					stack.s3.headObject((r) -> r.bucket(ApiTestStack.UPLOADS).key("large/one-gib.bin")).contentLength())
				.isEqualTo(SIZE);
			assertThat(agent.isAlive()).as("the agent did not run out of memory").isTrue();
			try (var left = Files.list(spool)) {
				assertThat(left).as("spool files left").isEmpty();
			}
		}
		finally {
			agent.destroy();
			if (!agent.waitFor(30, TimeUnit.SECONDS)) {
				agent.destroyForcibly();
			}
			stack.s3.deleteObject((r) -> r.bucket(ApiTestStack.UPLOADS).key("large/one-gib.bin"));
		}
	}

	private static boolean ready(HttpClient http, int port) {
		try {
			return http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
					.build(), HttpResponse.BodyHandlers.discarding())
				.statusCode() == 200;
		}
		catch (Exception ex) {
			return false;
		}
	}

	private static Process start(ApiTestStack stack, int port, Path spool) throws Exception {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		List<String> command = new ArrayList<>(
				List.of(java.toString(), "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-Daws.disableEc2Metadata=true",
						"-cp", System.getProperty("java.class.path"), ApiAgentApplication.class.getName(),
						"--server.port=" + port, "--bucketwarden.api.spool-directory=" + spool.toAbsolutePath()));
		stack.properties().forEach((key, value) -> command.add("--" + key + "=" + value));
		Path log = Path.of("target", "large-upload-agent.log");
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

}
