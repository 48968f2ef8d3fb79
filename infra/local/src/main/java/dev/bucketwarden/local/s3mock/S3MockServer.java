package dev.bucketwarden.local.s3mock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
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
 * Adobe S3Mock in a child JVM, serving plain HTTP on 127.0.0.1 at a free port, with its
 * objects in {@code workDir/root}. Clients must use path-style access
 * ({@code http://127.0.0.1:PORT/bucket/key}).
 *
 * <p>
 * S3Mock's executable jar is a Spring Boot jar. It runs through Spring Boot's
 * {@code PropertiesLauncher} so that {@code loader.path} can add our small adapter
 * ({@code emulator-s3mock}), which removes S3Mock's second, all-interfaces HTTP
 * connector; the main connector is switched to plain HTTP and bound to 127.0.0.1.
 */
public final class S3MockServer extends EmulatorServer<JavaProcess> implements AwsEmulator {

	private static final Logger logger = LoggerFactory.getLogger(S3MockServer.class);

	private static final String LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

	private static final String ADAPTER = "dev.bucketwarden.emulators.s3mock.LoopbackOnlyConfiguration";

	private static final String VERSIONING_ENABLED = "<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
			+ "<Status>Enabled</Status></VersioningConfiguration>";

	private final S3MockOptions options;

	private S3MockServer(S3MockOptions options, int port, JavaProcess process) {
		super(port, process);
		this.options = options;
	}

	/**
	 * Starts S3Mock and returns once it answers and its buckets exist (versioned ones
	 * with versioning enabled).
	 */
	public static S3MockServer start(S3MockOptions options) {
		EmulatorClasspath classpath = EmulatorClasspath.of("s3mock");
		Path workDir = prepare(options.workDir().toAbsolutePath());
		long started = System.nanoTime();
		S3MockServer server = start(
				(port) -> new S3MockServer(options, port,
						JavaProcess.start("s3mock", command(options, classpath, workDir, port), workDir)),
				EmulatorServer::childPortTaken);
		server.enableVersioning();
		logger.info("S3Mock on {} (pid {}) in {} ms", server.endpoint(), server.pid(),
				(System.nanoTime() - started) / 1_000_000);
		return server;
	}

	@Override
	public URI endpoint() {
		return URI.create(httpRoot());
	}

	public S3MockOptions options() {
		return this.options;
	}

	private static JavaCommand command(S3MockOptions options, EmulatorClasspath classpath, Path workDir, int port) {
		List<String> buckets = new ArrayList<>(options.buckets());
		buckets.addAll(options.versionedBuckets());
		List<String> arguments = new ArrayList<>(List.of("--spring.main.sources=" + ADAPTER, "--server.address=" + HOST,
				"--server.port=" + port, "--server.ssl.enabled=false", "--http.port=0",
				"--com.adobe.testing.s3mock.store.root=" + workDir.resolve("root"),
				"--com.adobe.testing.s3mock.store.region=" + REGION, "--spring.main.banner-mode=off"));
		if (!buckets.isEmpty()) {
			arguments.add("--com.adobe.testing.s3mock.store.initial-buckets=" + String.join(",", buckets));
		}
		return JavaCommand.of(options.heap(), classpath.entries(), LAUNCHER)
			.withOptions("-Dloader.path=" + classpath.origin(), "-Djava.io.tmpdir=" + workDir.resolve("tmp"))
			.withArguments(arguments);
	}

	@Override
	protected void awaitReady() {
		Readiness.await(process(), this.options.startTimeout(), "ListBuckets answered",
				() -> Readiness.send(Readiness.get(endpoint())).statusCode() == 200);
		List<String> buckets = new ArrayList<>(this.options.buckets());
		buckets.addAll(this.options.versionedBuckets());
		for (String bucket : buckets) {
			URI uri = endpoint().resolve("/" + bucket);
			Readiness.await(process(), this.options.startTimeout(), "bucket " + bucket + " created",
					() -> Readiness.send(HttpRequest.newBuilder(uri).HEAD().build()).statusCode() == 200);
		}
	}

	private void enableVersioning() {
		for (String bucket : this.options.versionedBuckets()) {
			HttpRequest request = HttpRequest.newBuilder(endpoint().resolve("/" + bucket + "?versioning"))
				.PUT(HttpRequest.BodyPublishers.ofString(VERSIONING_ENABLED))
				.header("Content-Type", "application/xml")
				.build();
			int status = Readiness.send(request).statusCode();
			if (status != 200) {
				close();
				throw new IllegalStateException("S3Mock refused to enable versioning on " + bucket + ": " + status);
			}
		}
	}

	private static Path prepare(Path workDir) {
		try {
			Files.createDirectories(workDir.resolve("tmp"));
			return workDir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create S3Mock's work directory " + workDir, ex);
		}
	}

}
