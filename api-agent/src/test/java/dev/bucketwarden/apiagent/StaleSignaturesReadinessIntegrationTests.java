package dev.bucketwarden.apiagent;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bucketwarden.local.time.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readiness follows the age of clamd's signatures: ready with fresh ones, not ready once
 * they are older than {@code bucketwarden.health.signature-max-age} (the clock moves on a
 * day, as a day without freshclam would), alive all the while.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StaleSignaturesReadinessIntegrationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	TestClock clock;

	@DynamicPropertySource
	static void stack(DynamicPropertyRegistry registry) {
		ApiTestStack.get().properties().forEach((key, value) -> registry.add(key, () -> value));
		registry.add("bucketwarden.health.cache", () -> "0s");
	}

	@Test
	void shouldStopBeingReadyWhenSignaturesGetStale() throws Exception {
		HttpResponse<String> fresh = get("/actuator/health/readiness");
		assertThat(fresh.statusCode()).isEqualTo(200);
		assertThat(fresh.body()).contains("\"signatureAge\"").doesNotContain("STALE");

		this.clock.advance(Duration.ofHours(25));

		HttpResponse<String> stale = get("/actuator/health/readiness");
		assertThat(stale.statusCode()).isEqualTo(503);
		assertThat(stale.body()).contains("\"engines\"").contains("\"STALE\"");
		assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ClockConfiguration {

		@Bean
		TestClock clock() {
			return TestClock.system();
		}

	}

}
