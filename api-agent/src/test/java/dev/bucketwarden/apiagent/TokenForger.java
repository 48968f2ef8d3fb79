package dev.bucketwarden.apiagent;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import tools.jackson.databind.json.JsonMapper;

import dev.bucketwarden.local.oidc.OidcServer;

/**
 * Tokens an attacker could bring, made from real ones of the local OIDC server: the same
 * claims unsigned ({@code alg: none}) or signed by a key of the attacker's (with the
 * issuer's key id), and a genuine token of another issuer of the same server.
 */
final class TokenForger {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private TokenForger() {
	}

	/** The token's header and claims with {@code alg: none} and no signature. */
	static String unsigned(String token) {
		String payload = token.split("\\.")[1];
		String header = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
		return header + "." + payload + ".";
	}

	/** The token's claims, signed by a new RSA key under the issuer's key id. */
	static String signedByAnotherKey(String token) throws Exception {
		SignedJWT genuine = SignedJWT.parse(token);
		RSAKey attacker = new RSAKeyGenerator(2048).keyID(genuine.getHeader().getKeyID()).generate();
		SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(attacker.getKeyID()).build(),
				genuine.getJWTClaimsSet());
		sign(forged, attacker);
		return forged.serialize();
	}

	/** A client-credentials token of another issuer of the same server. */
	static String otherIssuer(OidcServer oidc, String issuerId, String clientId, String scope) throws Exception {
		Map<String, String> form = Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret",
				OidcServer.CLIENT_SECRET, "scope", scope);
		String body = form.entrySet()
			.stream()
			.map((e) -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		try (HttpClient http = HttpClient.newHttpClient()) {
			HttpResponse<String> response = http
				.send(HttpRequest.newBuilder(URI.create(oidc.issuerUri(issuerId) + "/token"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("Token request to " + issuerId + ": " + response.statusCode());
			}
			return JSON.readTree(response.body()).get("access_token").asString();
		}
	}

	private static void sign(SignedJWT jwt, RSAKey key) throws JOSEException {
		jwt.sign(new RSASSASigner(key));
	}

}
