package dev.bucketwarden.apiagent;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Exception;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bucketwarden.local.support.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * No engine: readiness is DOWN (the load balancer stops sending), scans answer 503,
 * nothing is stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EngineUnavailableIntegrationTests {

	private static final int DEAD_PORT = FreePorts.next();

	private final ApiTestStack stack = ApiTestStack.get();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void stack(DynamicPropertyRegistry registry) {
		ApiTestStack.get().properties().forEach((key, value) -> registry.add(key, () -> value));
		registry.add("bucketwarden.engines.clamav.port", () -> Integer.toString(DEAD_PORT));
		registry.add("bucketwarden.engines.clamav.max-concurrency", () -> "4");
		registry.add("bucketwarden.engines.clamav.connect-timeout", () -> "500ms");
	}

	@Test
	void shouldAnswer503AndStoreNothingWhileTheEngineIsDown() throws Exception {
		String token = this.stack.token(ApiTestStack.SCANNER, "scan");

		HttpResponse<String> scan = post("/api/v1/scan", token);
		HttpResponse<String> upload = post("/api/v1/upload?bucket=" + ApiTestStack.UPLOADS + "&key=while-down.txt",
				token);

		assertThat(scan.statusCode()).isEqualTo(503);
		assertThat(scan.body()).contains("\"result\":\"Error\"").doesNotContain("Clean");
		assertThat(upload.statusCode()).isEqualTo(503);
		// Both say they may be retried (docs/api.md, "Retries").
		assertThat(scan.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(upload.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(upload.body()).contains("\"retryable\":true");
		assertThatThrownBy(() -> this.stack.s3.headObject((r) -> r.bucket(ApiTestStack.UPLOADS).key("while-down.txt")))
			.isInstanceOf(S3Exception.class);
	}

	@Test
	void shouldNotBeReadyWhileTheEngineIsDown() throws Exception {
		HttpResponse<String> readiness = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health/readiness"))
				.build(), HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> liveness = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health/liveness"))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(readiness.statusCode()).isEqualTo(503);
		assertThat(readiness.body()).contains("\"engines\"").contains("DOWN");
		// Alive all the same: restarting the agent would not bring the engine back.
		assertThat(liveness.statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> post(String path, String token) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/octet-stream")
			.POST(HttpRequest.BodyPublishers.ofString("harmless"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
