package dev.bucketwarden.local.moto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.local.process.EmulatorServer;
import dev.bucketwarden.local.process.NativeProcess;
import dev.bucketwarden.local.process.Readiness;
import dev.bucketwarden.local.support.AwsEmulator;
import dev.bucketwarden.local.support.Tools;

/**
 * moto's server ({@code python3 -m moto.server}, the Python package {@code moto[server]}
 * that bin/setup installs) on 127.0.0.1 at a free port: one endpoint for every AWS
 * service moto emulates, each in memory. It is started as a child process, awaited until
 * it answers, and stopped by PID on {@link #close()} or by a shutdown hook if the JVM
 * ends first.
 */
public final class MotoServer extends EmulatorServer<NativeProcess> implements AwsEmulator {

	private static final Logger logger = LoggerFactory.getLogger(MotoServer.class);

	/** How long {@code import moto.server} may take (a cold import loads boto3). */
	private static final long IMPORT_CHECK_SECONDS = 60;

	private final MotoOptions options;

	private MotoServer(MotoOptions options, int port, NativeProcess process) {
		super(port, process);
		this.options = options;
	}

	/**
	 * Starts moto and returns once it answers.
	 * @throws IllegalStateException when python3 or moto is not installed, or moto does
	 * not answer within the options' timeout
	 */
	public static MotoServer start(MotoOptions options) {
		Path python = Tools.require("python3", "python3");
		requireMoto(python);
		Path workDir = options.workDir().toAbsolutePath();
		try {
			Files.createDirectories(workDir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create moto's work directory " + workDir, ex);
		}
		MotoServer server = start(
				(port) -> new MotoServer(options, port,
						NativeProcess.start("moto server",
								List.of(python.toString(), "-m", "moto.server", "-H", HOST, "-p",
										Integer.toString(port)),
								workDir.resolve("moto.out"), true)),
				EmulatorServer::notAnswering);
		logger.info("moto server on {} (pid {})", server.endpoint(), server.pid());
		return server;
	}

	@Override
	public URI endpoint() {
		return URI.create(httpRoot());
	}

	/** Forgets every resource of every service (moto's {@code /moto-api/reset}). */
	public void reset() {
		int status = Readiness
			.send(HttpRequest.newBuilder(endpoint().resolve("/moto-api/reset"))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build())
			.statusCode();
		if (status != 200) {
			throw new IllegalStateException("moto did not reset (HTTP " + status + ")");
		}
	}

	@Override
	protected void awaitReady() {
		process().awaitReady(this.options.startTimeout(), "GET /moto-api/",
				() -> Readiness.send(Readiness.get(endpoint().resolve("/moto-api/"))).statusCode() == 200);
	}

	private static void requireMoto(Path python) {
		boolean importable;
		try {
			Process check = new ProcessBuilder(python.toString(), "-c", "import moto.server").redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!check.waitFor(IMPORT_CHECK_SECONDS, TimeUnit.SECONDS)) {
				check.destroyForcibly();
				throw new IllegalStateException(
						"python3 -c 'import moto.server' did not finish within " + IMPORT_CHECK_SECONDS + " s");
			}
			importable = check.exitValue() == 0;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run " + python, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while checking for moto", ex);
		}
		if (!importable) {
			throw new IllegalStateException("moto's server is not installed for " + python
					+ ". Run bin/setup, which installs it (pip install \"moto[server]\").");
		}
	}

}
