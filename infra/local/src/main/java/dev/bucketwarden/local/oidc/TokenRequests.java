package dev.bucketwarden.local.oidc;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

import dev.bucketwarden.local.process.Readiness;

/**
 * The HTTP exchanges by which our helpers get tokens, as any OAuth 2 client would: a form
 * POST to the token endpoint for client credentials (with {@code client_secret_post});
 * for a user, a POST of the login form to the authorization endpoint (the authorization
 * request in its query), whose redirect carries the code, then the code for tokens.
 */
final class TokenRequests {

	/** Never called: the code is read from the redirect. */
	static final String REDIRECT_URI = "http://127.0.0.1/signed-in";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private TokenRequests() {
	}

	static OidcTokens clientCredentials(URI tokenEndpoint, String clientId, String scope) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "client_credentials");
		form.put("client_id", clientId);
		form.put("client_secret", OidcServer.CLIENT_SECRET);
		form.put("scope", scope);
		return OidcTokens.parse(expect(200, post(tokenEndpoint, form), "token request").body());
	}

	static OidcTokens authorizationCode(URI authorizationEndpoint, URI tokenEndpoint, String clientId, String username,
			Map<String, Object> claims) {
		String state = UUID.randomUUID().toString();
		URI authorize = URI.create(authorizationEndpoint + "?"
				+ encode(Map.of("client_id", clientId, "response_type", "code", "redirect_uri", REDIRECT_URI, "scope",
						"openid", "state", state, "nonce", UUID.randomUUID().toString())));
		HttpResponse<String> signIn = expect(302,
				post(authorize, Map.of("username", username, "claims", JSON.writeValueAsString(claims))), "sign-in");
		Map<String, String> redirect = query(signIn.headers().firstValue("Location").orElse(""));
		if (!state.equals(redirect.get("state")) || redirect.get("code") == null) {
			throw new IllegalStateException("Sign-in redirected without our state and a code: " + redirect);
		}
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "authorization_code");
		form.put("code", redirect.get("code"));
		form.put("redirect_uri", REDIRECT_URI);
		form.put("client_id", clientId);
		form.put("client_secret", OidcServer.CLIENT_SECRET);
		return OidcTokens.parse(expect(200, post(tokenEndpoint, form), "token request").body());
	}

	private static HttpResponse<String> post(URI uri, Map<String, String> form) {
		return Readiness.send(HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(encode(form)))
			.build());
	}

	private static HttpResponse<String> expect(int status, HttpResponse<String> response, String what) {
		if (response.statusCode() != status) {
			throw new IllegalStateException(
					"The OIDC server answered the " + what + " with " + response.statusCode() + ": " + response.body());
		}
		return response;
	}

	private static String encode(Map<String, String> parameters) {
		return parameters.entrySet()
			.stream()
			.map((parameter) -> URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private static Map<String, String> query(String location) {
		Map<String, String> parameters = new LinkedHashMap<>();
		String query = URI.create(location).getRawQuery();
		for (String pair : (query != null) ? query.split("&") : new String[0]) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return parameters;
	}

}
