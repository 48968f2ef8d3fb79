package dev.bucketwarden.local.junit;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.bucketwarden.local.s3mock.S3MockOptions;
import dev.bucketwarden.local.s3mock.S3MockServer;

/**
 * Gives tests a real S3 (Adobe S3Mock): started once per test JVM on a free port, shared
 * by every test class that uses the extension, stopped when the test run ends. Inject it
 * as an {@link S3MockServer} parameter; it starts with no buckets, so each test creates
 * its own (see {@code dev.bucketwarden.local.aws}).
 */
public final class S3MockExtension implements BeforeAllCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(S3MockExtension.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		server(context);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == S3MockServer.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return server(context);
	}

	private static S3MockServer server(ExtensionContext context) {
		return context.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(S3MockServer.class, (key) -> S3MockServer.start(options()), S3MockServer.class);
	}

	private static S3MockOptions options() {
		// Maven runs tests in the module directory: keep the files in its build
		// directory.
		return S3MockOptions.in(Path.of("target", "s3mock-" + ProcessHandle.current().pid()));
	}

}
