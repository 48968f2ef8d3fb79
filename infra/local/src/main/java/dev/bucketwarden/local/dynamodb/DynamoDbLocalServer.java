package dev.bucketwarden.local.dynamodb;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.local.process.EmulatorClasspath;
import dev.bucketwarden.local.process.EmulatorServer;
import dev.bucketwarden.local.process.JavaCommand;
import dev.bucketwarden.local.process.JavaProcess;
import dev.bucketwarden.local.process.Readiness;
import dev.bucketwarden.local.support.AwsEmulator;

/**
 * DynamoDB Local in a child JVM, on 127.0.0.1 at a free port, with an in-memory database
 * shared by all credentials and regions. It runs through our launcher in
 * {@code emulator-dynamodb-local} (DynamoDB Local's own main listens on every interface),
 * with sqlite4java's native library taken from the local Maven repository.
 */
public final class DynamoDbLocalServer extends EmulatorServer<JavaProcess> implements AwsEmulator {

	private static final Logger logger = LoggerFactory.getLogger(DynamoDbLocalServer.class);

	private static final String MAIN = "dev.bucketwarden.emulators.dynamodb.LoopbackDynamoDbLocal";

	private final DynamoDbLocalOptions options;

	private DynamoDbLocalServer(DynamoDbLocalOptions options, int port, JavaProcess process) {
		super(port, process);
		this.options = options;
	}

	/** Starts DynamoDB Local and returns once it answers ListTables. */
	public static DynamoDbLocalServer start(DynamoDbLocalOptions options) {
		EmulatorClasspath classpath = EmulatorClasspath.of("dynamodb-local");
		List<Path> jars = new ArrayList<>(classpath.entries());
		jars.add(classpath.origin());
		Path nativeLibrary = classpath.extra("native").get(0);
		Path workDir = options.workDir().toAbsolutePath();
		long started = System.nanoTime();
		DynamoDbLocalServer server = start((port) -> {
			JavaCommand command = JavaCommand.of(options.heap(), jars, MAIN)
				.withOptions("-Dsqlite4java.library.path=" + nativeLibrary.getParent(), "-Djava.io.tmpdir=" + workDir)
				.withArguments(List.of(Integer.toString(port)));
			return new DynamoDbLocalServer(options, port, JavaProcess.start("dynamodb-local", command, workDir));
		}, EmulatorServer::childPortTaken);
		logger.info("DynamoDB Local on {} (pid {}) in {} ms", server.endpoint(), server.pid(),
				(System.nanoTime() - started) / 1_000_000);
		return server;
	}

	@Override
	public URI endpoint() {
		return URI.create(httpRoot());
	}

	public DynamoDbLocalOptions options() {
		return this.options;
	}

	/**
	 * ListTables is answered from SQLite, so a reply proves the native library loaded.
	 * DynamoDB Local reads but does not verify the signature.
	 */
	@Override
	protected void awaitReady() {
		HttpRequest listTables = HttpRequest.newBuilder(endpoint())
			.header("Content-Type", "application/x-amz-json-1.0")
			.header("X-Amz-Target", "DynamoDB_20120810.ListTables")
			.header("Authorization",
					"AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY_ID + "/20250101/" + REGION
							+ "/dynamodb/aws4_request, SignedHeaders=host, Signature=0")
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build();
		Readiness.await(process(), this.options.startTimeout(), "ListTables answered",
				() -> Readiness.send(listTables).statusCode() == 200);
	}

}
