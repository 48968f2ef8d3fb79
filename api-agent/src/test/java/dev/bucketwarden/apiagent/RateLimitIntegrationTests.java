package dev.bucketwarden.apiagent;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client past its burst gets 429 with {@code Retry-After} in seconds; the limit is per
 * token subject, and the load balancer's health checks are not limited.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bucketwarden.api.rate-limit.requests-per-second=0.2", "bucketwarden.api.rate-limit.burst=3" })
class RateLimitIntegrationTests extends ApiAgentHttpTests {

	@Test
	void shouldAnswer429WithRetryAfterPastTheBurst() throws Exception {
		String token = this.stack.token(ApiTestStack.SCANNER, "scan");
		List<HttpResponse<String>> responses = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			responses.add(scan(token));
		}

		assertThat(responses.subList(0, 3)).allSatisfy((r) -> assertThat(r.statusCode()).isEqualTo(200));
		assertThat(responses.subList(3, 6)).allSatisfy((r) -> {
			assertThat(r.statusCode()).isEqualTo(429);
			assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 5L);
		});
		for (int i = 0; i < 5; i++) {
			assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		}
	}

	private HttpResponse<String> scan(String token) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/scan"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/octet-stream")
			.POST(HttpRequest.BodyPublishers.ofString("harmless"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
