package dev.bucketwarden.local.oidc;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import dev.bucketwarden.local.ListeningSockets;
import dev.bucketwarden.local.junit.OidcExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The local stack's Cognito as our services will see it: discovery for the issuer, tokens
 * from the token endpoint, verified against the JWKS by Spring Security's
 * {@link NimbusJwtDecoder} with the issuer check.
 */
@ExtendWith(OidcExtension.class)
class OidcServerIntegrationTests {

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void shouldServeTheDiscoveryDocumentOfTheIssuer(OidcServer server) throws Exception {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(server.discoveryUri()).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(server.issuerUri()).hasToString("http://127.0.0.1:" + server.port() + "/bucketwarden");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(OidcTokens.json(response.body())).containsEntry("issuer", server.issuerUri().toString())
			.containsEntry("token_endpoint", server.tokenEndpoint().toString())
			.containsEntry("jwks_uri", server.jwksUri().toString())
			.containsEntry("authorization_endpoint", server.authorizationEndpoint().toString())
			.containsEntry("end_session_endpoint", server.endSessionEndpoint().toString());
	}

	@Test
	void shouldIssueAClientCredentialsTokenWithTheScopeSignedByTheJwksKey(OidcServer server) throws Exception {
		// What an agent will send: client_secret_post, a form to the token endpoint.
		String form = "grant_type=client_credentials&client_id=bucketwarden-agent&client_secret="
				+ URLEncoder.encode("any secret", StandardCharsets.UTF_8) + "&scope=scan";
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(server.tokenEndpoint())
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		OidcTokens tokens = OidcTokens.parse(response.body());

		Jwt jwt = decoder(server).decode(tokens.accessToken());

		assertThat(tokens.idToken()).isNull();
		assertThat(jwt.getClaimAsString("scope").split(" ")).contains("scan");
		assertThat(jwt.getSubject()).isEqualTo("bucketwarden-agent");
		assertThat(jwt.getClaimAsString("client_id")).isEqualTo("bucketwarden-agent");
		assertThat(jwt.getClaimAsString("token_use")).isEqualTo("access");
		assertThat(jwt.getIssuer()).hasToString(server.issuerUri().toString());
		assertThat(jwt.getHeaders()).containsEntry("alg", "RS256");
	}

	@Test
	void shouldGrantEveryRequestedScope(OidcServer server) {
		OidcTokens tokens = server.clientCredentialsToken("bucketwarden-agent", "scan quarantine");

		assertThat(decoder(server).decode(tokens.accessToken()).getClaimAsString("scope")).isEqualTo("scan quarantine");
		assertThat(tokens.scope()).isEqualTo("scan quarantine");
	}

	@Test
	void shouldSignInAUserWithCognitoGroups(OidcServer server) {
		OidcTokens tokens = server.userTokens(OidcUser.ADMIN);

		Jwt accessToken = decoder(server).decode(tokens.accessToken());
		Jwt idToken = decoder(server).decode(tokens.idToken());

		for (Jwt jwt : List.of(accessToken, idToken)) {
			assertThat(jwt.getSubject()).isEqualTo("admin");
			assertThat(jwt.getClaimAsStringList("cognito:groups")).containsExactly("admins");
			assertThat(jwt.getClaimAsString("cognito:username")).isEqualTo("admin");
		}
		assertThat(idToken.getAudience()).containsExactly(OidcServer.CONSOLE_CLIENT_ID);
		assertThat(idToken.getClaimAsString("nonce")).isNotBlank();
		assertThat(accessToken.getClaimAsString("client_id")).isEqualTo(OidcServer.CONSOLE_CLIENT_ID);
	}

	@Test
	void shouldSignInAnyUserWithAnyClaims(OidcServer server) {
		OidcTokens tokens = server.userTokens("another-client", "auditor@example.com",
				Map.of("cognito:groups", List.of("viewers", "auditors"), "email", "auditor@example.com"));

		Jwt jwt = decoder(server).decode(tokens.accessToken());

		assertThat(jwt.getSubject()).isEqualTo("auditor@example.com");
		assertThat(jwt.getClaimAsStringList("cognito:groups")).containsExactly("viewers", "auditors");
		assertThat(jwt.getClaimAsString("email")).isEqualTo("auditor@example.com");
	}

	@Test
	void shouldShowALoginPageWithOneButtonPerUser(OidcServer server) throws Exception {
		URI authorize = URI.create(server.authorizationEndpoint()
				+ "?client_id=bucketwarden-console&response_type=code&scope=openid&state=s&nonce=n"
				+ "&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback");
		HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(authorize).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"sign-in-admin\"", "id=\"sign-in-viewer\"", "id=\"sign-in\"")
			.contains("value=\"{&quot;cognito:username&quot;:&quot;viewer&quot;,"
					+ "&quot;cognito:groups&quot;:[&quot;viewers&quot;]}\"");
	}

	@Test
	void shouldRejectTokensNotSignedByTheIssuersKey(OidcServer server) {
		// Every issuer of the server has keys of its own.
		String otherIssuers = TokenRequests
			.clientCredentials(URI.create(server.issuerUri("other") + "/token"), "bucketwarden-agent", "scan")
			.accessToken();
		String[] parts = server.clientCredentialsToken("bucketwarden-agent", "scan").accessToken().split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
		String tampered = parts[0] + "."
				+ Base64.getUrlEncoder()
					.withoutPadding()
					.encodeToString(payload.replace("\"scan\"", "\"admin\"").getBytes(StandardCharsets.UTF_8))
				+ "." + parts[2];

		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder(server).decode(otherIssuers));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder(server).decode(tampered))
			.withMessageContaining("Invalid signature");
	}

	@Test
	void shouldListenOnLoopbackOnly(OidcServer server) {
		// Without SERVER_HOSTNAME it would listen on every interface.
		assertThat(ListeningSockets.of(server.pid())).isNotEmpty()
			.allSatisfy((address) -> assertThat(address.getAddress().isLoopbackAddress()).isTrue());
	}

	private static NimbusJwtDecoder decoder(OidcServer server) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(server.jwksUri().toString()).build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(server.issuerUri().toString()));
		return decoder;
	}

}
