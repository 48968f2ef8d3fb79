package dev.bucketwarden.local.oidc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.local.process.EmulatorClasspath;
import dev.bucketwarden.local.process.EmulatorServer;
import dev.bucketwarden.local.process.JavaCommand;
import dev.bucketwarden.local.process.JavaProcess;
import dev.bucketwarden.local.process.Readiness;

/**
 * NAV's mock-oauth2-server in a child JVM, on 127.0.0.1 at a free port: the local stack's
 * Cognito. Every path segment is an issuer ({@code http://127.0.0.1:PORT/ID}, with
 * discovery at {@code ID/.well-known/openid-configuration}); tokens of the options'
 * issuer carry Cognito's claims (see {@link OidcConfig}). Keys are generated at start and
 * kept in memory.
 *
 * <p>
 * Its own main runs, configured through its environment: {@code JSON_CONFIG},
 * {@code SERVER_HOSTNAME=127.0.0.1} (it binds every interface without it) and
 * {@code SERVER_PORT}. Any client id and secret are accepted.
 */
public final class OidcServer extends EmulatorServer<JavaProcess> {

	/** The client id of the console, for user sign-ins. */
	public static final String CONSOLE_CLIENT_ID = "bucketwarden-console";

	/** What our helpers send as the client secret; the server accepts any. */
	public static final String CLIENT_SECRET = "bucketwarden-local-secret";

	private static final Logger logger = LoggerFactory.getLogger(OidcServer.class);

	private static final String MAIN = "no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt";

	private final OidcOptions options;

	private OidcServer(OidcOptions options, int port, JavaProcess process) {
		super(port, process);
		this.options = options;
	}

	/** Starts the server and returns once it serves the issuer's discovery document. */
	public static OidcServer start(OidcOptions options) {
		EmulatorClasspath classpath = EmulatorClasspath.of("mock-oauth2-server");
		Path workDir = options.workDir().toAbsolutePath();
		Path loginPage = write(workDir.resolve("login.html"), LoginPage.render(options.users()));
		String config = OidcConfig.render(options, loginPage);
		long started = System.nanoTime();
		OidcServer server = start((port) -> {
			JavaCommand command = JavaCommand.of(options.heap(), classpath.entries(), MAIN)
				.withOptions("-Djava.io.tmpdir=" + workDir)
				.withEnvironment("JSON_CONFIG", config)
				.withEnvironment("SERVER_HOSTNAME", HOST)
				.withEnvironment("SERVER_PORT", Integer.toString(port))
				.withEnvironment("LOGBACK_CONFIG", "logback-standalone.xml");
			return new OidcServer(options, port, JavaProcess.start("mock-oauth2-server", command, workDir));
		}, EmulatorServer::childPortTaken);
		logger.info("OIDC server (mock-oauth2-server) with issuer {} (pid {}) in {} ms", server.issuerUri(),
				server.pid(), (System.nanoTime() - started) / 1_000_000);
		return server;
	}

	/** The options' issuer, such as {@code http://127.0.0.1:40123/bucketwarden}. */
	public URI issuerUri() {
		return issuerUri(this.options.issuerId());
	}

	/**
	 * Any issuer of this server: each path segment is one, with keys of its own. Only the
	 * options' issuer gives tokens Cognito's claims.
	 */
	public URI issuerUri(String issuerId) {
		return URI.create(httpRoot() + "/" + issuerId);
	}

	/** The issuer's OIDC discovery document. */
	public URI discoveryUri() {
		return endpoint("/.well-known/openid-configuration");
	}

	public URI tokenEndpoint() {
		return endpoint("/token");
	}

	public URI jwksUri() {
		return endpoint("/jwks");
	}

	/**
	 * Shows the login page (GET); a POST of its form signs in and redirects with a code.
	 */
	public URI authorizationEndpoint() {
		return endpoint("/authorize");
	}

	/** Redirects to {@code post_logout_redirect_uri}. */
	public URI endSessionEndpoint() {
		return endpoint("/endsession");
	}

	/**
	 * A client-credentials token of the options' issuer: {@code sub} and
	 * {@code client_id} are the client id, {@code scope} the given scope, with the claims
	 * of the client if the options declare it.
	 */
	public OidcTokens clientCredentialsToken(String clientId, String scope) {
		return TokenRequests.clientCredentials(tokenEndpoint(), clientId, scope);
	}

	/** Signs the user in to the console's client, as its login page button would. */
	public OidcTokens userTokens(OidcUser user) {
		return userTokens(CONSOLE_CLIENT_ID, user.username(), user.claims());
	}

	/**
	 * Signs a user in through the authorization code flow, as a browser would through the
	 * login form: the tokens' subject is the username and they carry the given claims
	 * (such as {@code cognito:groups}) beside the standard ones.
	 */
	public OidcTokens userTokens(String clientId, String username, Map<String, Object> claims) {
		return TokenRequests.authorizationCode(authorizationEndpoint(), tokenEndpoint(), clientId, username, claims);
	}

	public OidcOptions options() {
		return this.options;
	}

	private URI endpoint(String path) {
		return URI.create(issuerUri() + path);
	}

	/** Until discovery names our issuer: the server derives it from the request. */
	@Override
	protected void awaitReady() {
		HttpRequest discovery = Readiness.get(discoveryUri());
		Readiness.await(process(), this.options.startTimeout(), "discovery served", () -> {
			HttpResponse<String> response = Readiness.send(discovery);
			return response.statusCode() == 200
					&& issuerUri().toString().equals(OidcTokens.json(response.body()).get("issuer"));
		});
	}

	private static Path write(Path file, String content) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, content);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

}
