package dev.bucketwarden.apiagent;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent whose answers carry the SHA-256 unless a request says {@code sha256=false}
 * ({@code bucketwarden.api.sha256-by-default}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "bucketwarden.api.sha256-by-default=true")
class Sha256ByDefaultIntegrationTests extends ApiAgentHttpTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String CONTENT = "harmless content to hash";

	@Test
	void shouldAnswerTheSha256UnlessTheRequestSaysNo() throws Exception {
		JsonNode byDefault = JSON.readTree(scan("/api/v1/scan").body());
		JsonNode declined = JSON.readTree(scan("/api/v1/scan?sha256=false").body());

		assertThat(byDefault.get("result").asString()).isEqualTo("Clean");
		assertThat(byDefault.get("sha256").asString()).isEqualTo(HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(CONTENT.getBytes(StandardCharsets.UTF_8))));
		assertThat(declined.get("result").asString()).isEqualTo("Clean");
		assertThat(declined.has("sha256")).isFalse();
	}

	private HttpResponse<String> scan(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", "Bearer " + this.stack.token(ApiTestStack.SCANNER, "scan"))
			.header("Content-Type", "application/octet-stream")
			.POST(HttpRequest.BodyPublishers.ofString(CONTENT))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
