package dev.bucketwarden.local.junit;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.bucketwarden.local.elasticmq.ElasticMqOptions;
import dev.bucketwarden.local.elasticmq.ElasticMqServer;

/**
 * Gives tests a real SQS (ElasticMQ): started once per test JVM on a free port, shared by
 * every test class that uses the extension, stopped when the test run ends. Inject it as
 * an {@link ElasticMqServer} parameter; it starts with no queues, so each test creates
 * its own (see {@code dev.bucketwarden.local.aws}).
 */
public final class ElasticMqExtension implements BeforeAllCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(ElasticMqExtension.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		server(context);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == ElasticMqServer.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return server(context);
	}

	private static ElasticMqServer server(ExtensionContext context) {
		return context.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(ElasticMqServer.class, (key) -> ElasticMqServer.start(options()), ElasticMqServer.class);
	}

	private static ElasticMqOptions options() {
		// Maven runs tests in the module directory: keep the files in its build
		// directory.
		return ElasticMqOptions.in(Path.of("target", "elasticmq-" + ProcessHandle.current().pid()));
	}

}
