package dev.bucketwarden.local.junit;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.bucketwarden.local.dynamodb.DynamoDbLocalOptions;
import dev.bucketwarden.local.dynamodb.DynamoDbLocalServer;

/**
 * Gives tests a real DynamoDB (DynamoDB Local): started once per test JVM on a free port,
 * shared by every test class that uses the extension, stopped when the test run ends.
 * Inject it as an {@link DynamoDbLocalServer} parameter; it starts with no tables, so
 * each test creates its own (see {@code dev.bucketwarden.local.aws}).
 */
public final class DynamoDbLocalExtension implements BeforeAllCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(DynamoDbLocalExtension.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		server(context);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == DynamoDbLocalServer.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return server(context);
	}

	private static DynamoDbLocalServer server(ExtensionContext context) {
		return context.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(DynamoDbLocalServer.class, (key) -> DynamoDbLocalServer.start(options()),
					DynamoDbLocalServer.class);
	}

	private static DynamoDbLocalOptions options() {
		// Maven runs tests in the module directory: keep the files in its build
		// directory.
		return DynamoDbLocalOptions.in(Path.of("target", "dynamodb-local-" + ProcessHandle.current().pid()));
	}

}
