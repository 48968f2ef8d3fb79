package dev.bucketwarden.local.oidc;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients declared with claims of their own, on a dedicated server rather than the shared
 * one of {@code OidcExtension}: what a client's tokens say is fixed when it is declared.
 */
class OidcClientClaimsIntegrationTests {

	@TempDir
	static Path workDir;

	private static OidcServer server;

	@BeforeAll
	static void start() {
		server = OidcServer.start(OidcOptions.in(workDir)
			.withClients(new OidcClient("agent-acme", Map.of("tenant", "acme", "buckets", List.of("a", "b"))),
					new OidcClient("agent-odd", Map.of("token_use", "id"))));
	}

	@AfterAll
	static void stop() {
		server.close();
		assertThat(server.isRunning()).isFalse();
	}

	@Test
	void shouldAddTheClaimsOfADeclaredClient() {
		Map<String, Object> claims = server.clientCredentialsToken("agent-acme", "scan").accessTokenClaims();

		assertThat(claims).containsEntry("tenant", "acme")
			.containsEntry("buckets", List.of("a", "b"))
			.containsEntry("sub", "agent-acme")
			.containsEntry("client_id", "agent-acme")
			.containsEntry("scope", "scan")
			.containsEntry("token_use", "access");
	}

	@Test
	void shouldLetADeclaredClientReplaceAStandardClaim() {
		assertThat(server.clientCredentialsToken("agent-odd", "scan").accessTokenClaims()).containsEntry("token_use",
				"id");
	}

	@Test
	void shouldGiveOtherClientsTheStandardClaimsOnly() {
		assertThat(server.clientCredentialsToken("agent-other", "scan").accessTokenClaims()).doesNotContainKey("tenant")
			.containsEntry("sub", "agent-other");
	}

	@Test
	void shouldKeepTheUserOfTheLoginFormAsSubjectForADeclaredClient() {
		// The authorization code mapping comes first: a client's sub must not replace it.
		OidcTokens tokens = server.userTokens("agent-acme", "viewer", OidcUser.VIEWER.claims());

		assertThat(tokens.accessTokenClaims()).containsEntry("sub", "viewer").doesNotContainKey("tenant");
	}

}
