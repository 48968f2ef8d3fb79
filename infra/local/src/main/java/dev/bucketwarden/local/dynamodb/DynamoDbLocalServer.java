package dev.bucketwarden.local.dynamodb;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.local.AwsEmulator;
import dev.bucketwarden.local.process.EmulatorClasspath;
import dev.bucketwarden.local.process.JavaCommand;
import dev.bucketwarden.local.process.JavaProcess;
import dev.bucketwarden.local.process.OnFreePort;
import dev.bucketwarden.local.process.Readiness;

/**
 * DynamoDB Local in a child JVM, on 127.0.0.1 at a free port, with an in-memory database
 * shared by all credentials and regions. It runs through our launcher in
 * {@code emulator-dynamodb-local} (DynamoDB Local's own main listens on every interface),
 * with sqlite4java's native library taken from the local Maven repository.
 */
public final class DynamoDbLocalServer implements AwsEmulator {

	private static final Logger logger = LoggerFactory.getLogger(DynamoDbLocalServer.class);

	private static final String HOST = "127.0.0.1";

	private static final String MAIN = "dev.bucketwarden.emulators.dynamodb.LoopbackDynamoDbLocal";

	private final DynamoDbLocalOptions options;

	private final int port;

	private final JavaProcess process;

	private DynamoDbLocalServer(DynamoDbLocalOptions options, int port, JavaProcess process) {
		this.options = options;
		this.port = port;
		this.process = process;
	}

	/** Starts DynamoDB Local and returns once it answers ListTables. */
	public static DynamoDbLocalServer start(DynamoDbLocalOptions options) {
		EmulatorClasspath classpath = EmulatorClasspath.of("dynamodb-local");
		List<Path> jars = new ArrayList<>(classpath.entries());
		jars.add(classpath.origin());
		Path nativeLibrary = classpath.extra("native").get(0);
		Path workDir = options.workDir().toAbsolutePath();
		long started = System.nanoTime();
		DynamoDbLocalServer server = OnFreePort.start((port) -> {
			JavaCommand command = JavaCommand.of(options.heap(), jars, MAIN)
				.withOptions("-Dsqlite4java.library.path=" + nativeLibrary.getParent(), "-Djava.io.tmpdir=" + workDir)
				.withArguments(List.of(Integer.toString(port)));
			JavaProcess process = JavaProcess.start("dynamodb-local", command, workDir);
			DynamoDbLocalServer candidate = new DynamoDbLocalServer(options, port, process);
			try {
				candidate.awaitReady();
				return candidate;
			}
			catch (RuntimeException ex) {
				process.close();
				throw ex;
			}
		});
		logger.info("DynamoDB Local on {} (pid {}) in {} ms", server.endpoint(), server.pid(),
				(System.nanoTime() - started) / 1_000_000);
		return server;
	}

	@Override
	public URI endpoint() {
		return URI.create("http://" + HOST + ":" + this.port);
	}

	public int port() {
		return this.port;
	}

	public DynamoDbLocalOptions options() {
		return this.options;
	}

	@Override
	public long pid() {
		return this.process.pid();
	}

	@Override
	public boolean isRunning() {
		return this.process.isAlive();
	}

	@Override
	public void close() {
		this.process.close();
	}

	/**
	 * ListTables is answered from SQLite, so a reply proves the native library loaded.
	 * DynamoDB Local reads but does not verify the signature.
	 */
	private void awaitReady() {
		HttpRequest listTables = HttpRequest.newBuilder(endpoint())
			.header("Content-Type", "application/x-amz-json-1.0")
			.header("X-Amz-Target", "DynamoDB_20120810.ListTables")
			.header("Authorization",
					"AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY_ID + "/20250101/" + REGION
							+ "/dynamodb/aws4_request, SignedHeaders=host, Signature=0")
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build();
		Readiness.await(this.process, this.options.startTimeout(), "ListTables answered",
				() -> Readiness.send(listTables).statusCode() == 200);
	}

}
