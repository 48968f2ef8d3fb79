package dev.bucketwarden.local.oidc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes mock-oauth2-server's JSON configuration ({@code JSON_CONFIG}). Its
 * {@code tokenCallbacks} give tokens of our issuer Cognito's shape: the server picks the
 * first request mapping whose form parameter matches, and fills {@code ${name}} from the
 * form parameters and the client id.
 * <ol>
 * <li>Authorization code: {@code client_id} only. The subject is the username of the
 * login form, whose claims (JSON) are added; a {@code sub} here would replace it.</li>
 * <li>Each declared client (by {@code client_id}): the claims of 3, and its own, which
 * may replace them.</li>
 * <li>Client credentials: {@code sub} and {@code client_id} are the client id,
 * {@code scope} the requested scope, {@code token_use} is {@code access}. The request
 * must name a scope, as our helpers do; Cognito would grant all the client's scopes.</li>
 * </ol>
 * Other issuers get the server's defaults. {@code interactiveLogin} makes the
 * authorization endpoint show the login page (ours, from {@code loginPagePath}) instead
 * of signing in a random subject.
 */
final class OidcConfig {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private OidcConfig() {
	}

	static String render(OidcOptions options, Path loginPage) {
		List<Map<String, Object>> mappings = new ArrayList<>();
		mappings.add(mapping("grant_type", "authorization_code", Map.of("client_id", "${clientId}")));
		for (OidcClient client : options.clients()) {
			Map<String, Object> claims = clientCredentialsClaims();
			claims.putAll(client.claims());
			mappings.add(mapping("client_id", client.clientId(), claims));
		}
		mappings.add(mapping("grant_type", "client_credentials", clientCredentialsClaims()));
		Map<String, Object> callback = new LinkedHashMap<>();
		callback.put("issuerId", options.issuerId());
		callback.put("requestMappings", mappings);
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("interactiveLogin", true);
		config.put("loginPagePath", loginPage.toString());
		config.put("httpServer", "MockWebServerWrapper");
		config.put("tokenCallbacks", List.of(callback));
		return JSON.writeValueAsString(config);
	}

	private static Map<String, Object> clientCredentialsClaims() {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub", "${clientId}");
		claims.put("client_id", "${clientId}");
		claims.put("scope", "${scope}");
		claims.put("token_use", "access");
		return claims;
	}

	private static Map<String, Object> mapping(String parameter, String match, Map<String, Object> claims) {
		Map<String, Object> mapping = new LinkedHashMap<>();
		mapping.put("requestParam", parameter);
		mapping.put("match", match);
		mapping.put("claims", claims);
		return mapping;
	}

}
