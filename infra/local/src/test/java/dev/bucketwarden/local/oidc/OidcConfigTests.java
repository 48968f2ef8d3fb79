package dev.bucketwarden.local.oidc;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server takes the first request mapping that matches, so their order is what gives a
 * user's sign-in its username as subject and a declared client its own claims.
 */
class OidcConfigTests {

	@Test
	void shouldMapTheAuthorizationCodeFirstThenDeclaredClientsThenClientCredentials() {
		OidcOptions options = OidcOptions.in(Path.of("work"))
			.withClients(new OidcClient("agent-acme", Map.of("tenant", "acme")));

		JsonNode config = JsonMapper.builder().build().readTree(OidcConfig.render(options, Path.of("/x/login.html")));

		assertThat(config.get("interactiveLogin").asBoolean()).isTrue();
		assertThat(config.get("loginPagePath").asString()).isEqualTo("/x/login.html");
		JsonNode callback = config.get("tokenCallbacks").get(0);
		assertThat(callback.get("issuerId").asString()).isEqualTo("bucketwarden");
		List<String> matches = callback.get("requestMappings")
			.valueStream()
			.map((mapping) -> mapping.get("requestParam").asString() + "=" + mapping.get("match").asString())
			.toList();
		assertThat(matches).containsExactly("grant_type=authorization_code", "client_id=agent-acme",
				"grant_type=client_credentials");
		assertThat(callback.get("requestMappings").get(0).get("claims").has("sub")).isFalse();
		assertThat(callback.get("requestMappings").get(1).get("claims").get("tenant").asString()).isEqualTo("acme");
	}

}
