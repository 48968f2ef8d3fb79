package dev.bucketwarden.local.junit;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.bucketwarden.local.oidc.OidcOptions;
import dev.bucketwarden.local.oidc.OidcServer;

/**
 * Gives tests a real OIDC server (mock-oauth2-server, the local stack's Cognito): started
 * once per test JVM on a free port, shared by every test class that uses the extension,
 * stopped when the test run ends. Inject it as an {@link OidcServer} parameter for its
 * issuer, JWKS and tokens: client credentials with a scope, or a user's sign-in with
 * {@code cognito:groups}. Clients with claims of their own need a server of their own.
 */
public final class OidcExtension implements BeforeAllCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(OidcExtension.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		server(context);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == OidcServer.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return server(context);
	}

	private static OidcServer server(ExtensionContext context) {
		return context.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(OidcServer.class, (key) -> OidcServer.start(options()), OidcServer.class);
	}

	private static OidcOptions options() {
		// Maven runs tests in the module directory: keep the files in its build
		// directory.
		return OidcOptions.in(Path.of("target", "oidc-" + ProcessHandle.current().pid()));
	}

}
