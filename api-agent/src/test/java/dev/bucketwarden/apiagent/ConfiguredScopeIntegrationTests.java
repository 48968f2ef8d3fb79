package dev.bucketwarden.apiagent;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cognito names a resource server's scopes {@code <identifier>/<scope>}; the scope the
 * API requires is a setting, and only that scope passes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "bucketwarden.api.scope=bucketwarden-api/scan")
class ConfiguredScopeIntegrationTests extends ApiAgentHttpTests {

	@Test
	void shouldAcceptTheConfiguredScopeOnly() throws Exception {
		HttpResponse<String> cognitoStyle = scan(this.stack.token(ApiTestStack.SCANNER, "bucketwarden-api/scan"));
		HttpResponse<String> bare = scan(this.stack.token(ApiTestStack.SCANNER, "scan"));

		assertThat(cognitoStyle.statusCode()).isEqualTo(200);
		assertThat(cognitoStyle.body()).contains("\"result\":\"Clean\"");
		assertThat(bare.statusCode()).isEqualTo(403);
	}

	private HttpResponse<String> scan(String token) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/scan"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/octet-stream")
			.POST(HttpRequest.BodyPublishers.ofString("harmless"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
