package dev.bucketwarden.local.oidc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the token endpoint answered.
 *
 * @param accessToken the access token, a signed JWT (send it as
 * {@code Authorization: Bearer})
 * @param idToken the ID token of a user's sign-in, or {@code null} for client credentials
 * @param scope the granted scope, as the server reported it, or {@code null}
 * @param expiresIn how long the tokens are valid
 */
public record OidcTokens(String accessToken, String idToken, String scope, Duration expiresIn) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	/** The claims of the access token, decoded but not verified: for assertions. */
	public Map<String, Object> accessTokenClaims() {
		return claims(this.accessToken);
	}

	/** The claims of the ID token, decoded but not verified: for assertions. */
	public Map<String, Object> idTokenClaims() {
		if (this.idToken == null) {
			throw new IllegalStateException("No ID token: client credentials give an access token only");
		}
		return claims(this.idToken);
	}

	static OidcTokens parse(String tokenResponse) {
		Map<String, Object> response = JSON.readValue(tokenResponse, MAP);
		Object expiresIn = response.get("expires_in");
		return new OidcTokens((String) response.get("access_token"), (String) response.get("id_token"),
				(String) response.get("scope"),
				Duration.ofSeconds((expiresIn instanceof Number seconds) ? seconds.longValue() : 0));
	}

	static Map<String, Object> json(String body) {
		return JSON.readValue(body, MAP);
	}

	private static Map<String, Object> claims(String jwt) {
		String[] parts = jwt.split("\\.");
		if (parts.length != 3) {
			throw new IllegalArgumentException("Not a signed JWT (header.payload.signature)");
		}
		return json(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
	}

}
