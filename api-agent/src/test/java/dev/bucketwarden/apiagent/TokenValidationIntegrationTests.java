package dev.bucketwarden.apiagent;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every token that is not a live access token of one of the API's clients, signed by the
 * issuer, is a 401: real tokens from the local OIDC server and forgeries made from them,
 * checked by the decoder the application builds from the issuer (none is mocked).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TokenValidationIntegrationTests extends ApiAgentHttpTests {

	@Test
	void shouldAcceptALiveAccessTokenOfTheApisClient() throws Exception {
		assertThat(scan(this.stack.token(ApiTestStack.SCANNER, "scan")).statusCode()).isEqualTo(200);
	}

	@Test
	void shouldRefuseAnExpiredToken() throws Exception {
		String expired = this.stack.token(ApiTestStack.EXPIRED, "scan");
		assertThat(SignedJWT.parse(expired).getJWTClaimsSet().getExpirationTime().getTime() / 1000)
			.isEqualTo(1_000_000_000L);

		assertThat(scan(expired).statusCode()).isEqualTo(401);
	}

	@Test
	void shouldRefuseATokenOfAnotherIssuer() throws Exception {
		String foreign = TokenForger.otherIssuer(this.stack.oidc, "another-issuer", ApiTestStack.SCANNER.clientId(),
				"scan");

		assertThat(scan(foreign).statusCode()).isEqualTo(401);
	}

	@Test
	void shouldRefuseATokenForAnotherAudience() throws Exception {
		String otherAudience = this.stack.token(ApiTestStack.OTHER_AUDIENCE, "scan");
		assertThat(SignedJWT.parse(otherAudience).getJWTClaimsSet().getAudience()).containsExactly("another-api");

		assertThat(scan(otherAudience).statusCode()).isEqualTo(401);
	}

	@Test
	void shouldRefuseATokenOfAnotherAppClient() throws Exception {
		assertThat(scan(this.stack.token(ApiTestStack.OTHER, "scan")).statusCode()).isEqualTo(401);
	}

	@Test
	void shouldRefuseAnUnsignedToken() throws Exception {
		assertThat(scan(TokenForger.unsigned(this.stack.token(ApiTestStack.SCANNER, "scan"))).statusCode())
			.isEqualTo(401);
	}

	@Test
	void shouldRefuseATokenSignedByAnotherKey() throws Exception {
		assertThat(scan(TokenForger.signedByAnotherKey(this.stack.token(ApiTestStack.SCANNER, "scan"))).statusCode())
			.isEqualTo(401);
	}

	@Test
	void shouldRefuseForgeriesOfATokenItHasAcceptedAndRemembered() throws Exception {
		String live = this.stack.token(ApiTestStack.SCANNER, "scan");
		assertThat(scan(live).statusCode()).isEqualTo(200);
		assertThat(scan(live).statusCode()).isEqualTo(200);

		assertThat(scan(TokenForger.signedByAnotherKey(live)).statusCode()).isEqualTo(401);
		assertThat(scan(TokenForger.unsigned(live)).statusCode()).isEqualTo(401);
		assertThat(scan(live + "x").statusCode()).isEqualTo(401);
	}

	@Test
	void shouldRefuseAnIdToken() throws Exception {
		String idToken = this.stack.oidc
			.userTokens(ApiTestStack.SCANNER.clientId(), "someone", java.util.Map.of("scope", "scan"))
			.idToken();

		assertThat(scan(idToken).statusCode()).isEqualTo(401);
	}

	private HttpResponse<String> scan(String token) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/scan"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/octet-stream")
			.POST(HttpRequest.BodyPublishers.ofString("harmless"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
