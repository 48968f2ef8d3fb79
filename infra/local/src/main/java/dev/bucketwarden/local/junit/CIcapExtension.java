package dev.bucketwarden.local.junit;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.bucketwarden.local.cicap.CIcapOptions;
import dev.bucketwarden.local.cicap.CIcapServer;
import dev.bucketwarden.local.clamd.ClamdServer;

/**
 * Gives tests a real c-icap whose antivirus service ({@code avscan}) scans with the test
 * clamd of {@link ClamdExtension} (the same one, shared): started once per test JVM on a
 * free port, stopped by PID when the test run ends. Inject it as a {@link CIcapServer}
 * parameter; add {@link ClamdExtension} too for the clamd itself. When c-icap is not
 * installed the tests fail with a message that names {@code bin/setup}.
 */
public final class CIcapExtension implements BeforeAllCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CIcapExtension.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		server(context);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == CIcapServer.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return server(context);
	}

	private static CIcapServer server(ExtensionContext context) {
		return context.getRoot().getStore(NAMESPACE).computeIfAbsent(CIcapServer.class, (key) -> {
			ClamdServer clamd = ClamdExtension.server(context);
			// Maven runs tests in the module directory: keep c-icap's files in its build
			// directory.
			Path workDir = Path.of("target", "c-icap-" + ProcessHandle.current().pid());
			return CIcapServer.start(CIcapOptions.in(workDir, clamd.socket()));
		}, CIcapServer.class);
	}

}
