package dev.bucketwarden.local.junit;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.bucketwarden.local.clamd.ClamdOptions;
import dev.bucketwarden.local.clamd.ClamdServer;

/**
 * Gives tests a real clamd with our signature database: started once per test JVM on a
 * free port, shared by every test class that uses the extension, stopped when the test
 * run ends. Inject it as a {@link ClamdServer} parameter. When clamd is not installed the
 * tests fail with a message that names {@code bin/setup}.
 */
public final class ClamdExtension implements BeforeAllCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ClamdExtension.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		server(context);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == ClamdServer.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return server(context);
	}

	static ClamdServer server(ExtensionContext context) {
		return context.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(ClamdServer.class, (key) -> ClamdServer.start(options()), ClamdServer.class);
	}

	private static ClamdOptions options() {
		// Maven runs tests in the module directory: keep clamd's files in its build
		// directory.
		return ClamdOptions.in(Path.of("target", "clamd-" + ProcessHandle.current().pid()));
	}

}
