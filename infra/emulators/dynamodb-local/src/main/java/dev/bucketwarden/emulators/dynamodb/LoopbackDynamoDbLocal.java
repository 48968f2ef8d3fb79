package dev.bucketwarden.emulators.dynamodb;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;

/**
 * Main class of the DynamoDB Local child JVM. DynamoDB Local's own {@code ServerRunner}
 * has no option for the address and listens on every interface; this builds the same
 * server from the same public classes, on a Jetty connector bound to 127.0.0.1. The
 * database is in memory and shared by all credentials and regions ({@code -inMemory
 * -sharedDb}), and no telemetry is configured (its {@code ServerRunner} would).
 *
 * <pre>java -Dsqlite4java.library.path=DIR -cp CLASSPATH LoopbackDynamoDbLocal PORT</pre>
 */
public final class LoopbackDynamoDbLocal {

	private static final String HOST = "127.0.0.1";

	private LoopbackDynamoDbLocal() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length != 1) {
			throw new IllegalArgumentException("Usage: LoopbackDynamoDbLocal PORT");
		}
		int port = Integer.parseInt(args[0]);
		LocalDynamoDBRequestHandler requests = new LocalDynamoDBRequestHandler(0, true, null, true, false);
		ContextHandler context = new ContextHandler();
		context.setHandler(new LocalDynamoDBServerHandler(requests, null));
		Server server = new Server();
		ServerConnector connector = new ServerConnector(server);
		connector.setHost(HOST);
		connector.setPort(port);
		server.addConnector(connector);
		server.setHandler(new ContextHandlerCollection(context));
		server.setStopAtShutdown(true);
		server.start();
		System.out.println("DynamoDB Local listening on " + HOST + ":" + connector.getLocalPort());
		server.join();
	}

}
