package dev.bucketwarden.local.clamd;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.local.FreePorts;
import dev.bucketwarden.local.Tools;

/**
 * A clamd process running our signature database and configuration, listening on
 * 127.0.0.1 at a free port and on a unix socket in its work directory. Stopped on
 * {@link #close()}, and by a shutdown hook if the JVM ends first, so no clamd outlives
 * the test run that started it.
 */
public final class ClamdServer implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ClamdServer.class);

	private static final String HOST = "127.0.0.1";

	private static final int START_ATTEMPTS = 3;

	private static final Pattern UNFILLED_PLACEHOLDER = Pattern.compile("\\$\\{\\w+\\}");

	private final ClamdOptions options;

	private final int port;

	private final Path clamd;

	private volatile Process process;

	private final Thread shutdownHook;

	private ClamdServer(ClamdOptions options, int port, Path clamd, Process process) {
		this.options = options;
		this.port = port;
		this.clamd = clamd;
		this.process = process;
		this.shutdownHook = new Thread(() -> this.process.destroyForcibly(), "clamd-shutdown-" + process.pid());
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	/** Starts clamd and returns once it answers PING. */
	public static ClamdServer start(ClamdOptions options) {
		Path clamd = Tools.require("clamd", "clamav-daemon");
		Path workDir = prepare(options);
		IllegalStateException lastFailure = null;
		for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
			int port = FreePorts.next();
			Path config = writeConfig(options, workDir, port);
			Process process = launch(clamd, config, workDir);
			ClamdServer server = new ClamdServer(options, port, clamd, process);
			try {
				server.awaitReady(options.startTimeout());
				logger.info("clamd {} on {}:{} and {} (pid {})", server.version(), HOST, port, server.socket(),
						process.pid());
				return server;
			}
			catch (IllegalStateException ex) {
				// Most likely the port was taken between choosing it and clamd binding
				// it.
				server.close();
				lastFailure = ex;
			}
		}
		throw lastFailure;
	}

	public String host() {
		return HOST;
	}

	public int port() {
		return this.port;
	}

	public Path socket() {
		return this.options.workDir().resolve("clamd.sock");
	}

	public Path workDir() {
		return this.options.workDir();
	}

	public ClamdOptions options() {
		return this.options;
	}

	public long pid() {
		return this.process.pid();
	}

	public boolean isRunning() {
		return this.process.isAlive();
	}

	/** clamd's VERSION reply, such as {@code ClamAV 1.4.6/1/Sun Nov 22 03:51:26 2026}. */
	public String version() {
		return command("VERSION");
	}

	/**
	 * Sends one {@code z}-command over TCP and returns the reply without its terminator.
	 */
	public String command(String command) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, this.port), 1000);
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write(("z" + command + "\0").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			String reply = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
			int end = reply.indexOf('\0');
			return (end >= 0) ? reply.substring(0, end) : reply;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("clamd on port " + this.port + " did not answer " + command, ex);
		}
	}

	/**
	 * Swaps in a new signature database, as freshclam does, and has clamd load it: builds
	 * {@code daily.cud} reporting {@code version} (dated now), moves it over the old one,
	 * sends RELOAD and waits until VERSION reports the new version. clamd keeps scanning
	 * with the old database while it loads the new one ({@code ConcurrentDatabaseReload},
	 * its default), so scans in flight are not dropped.
	 * @return clamd's VERSION reply with the new database
	 */
	public String updateSignatures(int version) {
		SignatureDatabase.build(workDir().toAbsolutePath().resolve("db"), version);
		String reply = command("RELOAD").strip();
		if (!reply.equals("RELOADING")) {
			throw new IllegalStateException("clamd answered RELOAD with '" + reply + "'");
		}
		long deadline = System.nanoTime() + this.options.startTimeout().toNanos();
		String current = version();
		while (System.nanoTime() < deadline) {
			current = version();
			String[] parts = current.split("/");
			if (parts.length > 1 && parts[1].equals(Integer.toString(version))) {
				logger.info("clamd (pid {}) loaded signatures version {}", pid(), version);
				return current;
			}
			sleep(Duration.ofMillis(100));
		}
		throw new IllegalStateException("clamd did not load signature version " + version + " within "
				+ this.options.startTimeout() + "; VERSION says " + current);
	}

	/**
	 * Starts clamd again with the same configuration, port and socket, after
	 * {@link #kill()} or a crash: clients configured for this clamd reach it again, as
	 * after a container restart.
	 */
	public void restart() {
		if (this.process.isAlive()) {
			kill();
		}
		this.process = launch(this.clamd, workDir().resolve("clamd.conf"), workDir());
		awaitReady(this.options.startTimeout());
	}

	/** Kills clamd at once (SIGKILL), as a crash would: for failure tests. */
	public void kill() {
		this.process.destroyForcibly();
		waitForExit(Duration.ofSeconds(10));
	}

	/** Stops clamd gracefully, forcibly if it does not stop within 10 seconds. */
	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroy();
			if (!waitForExit(Duration.ofSeconds(10))) {
				this.process.destroyForcibly();
				waitForExit(Duration.ofSeconds(10));
			}
		}
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// the JVM is already shutting down; the hook is running or has run
		}
	}

	private boolean waitForExit(Duration timeout) {
		try {
			return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private void awaitReady(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						"clamd exited with " + this.process.exitValue() + " before it was ready:\n"
								+ tail(workDir().resolve("clamd.out")) + tail(workDir().resolve("clamd.log")));
			}
			try {
				if ("PONG".equals(command("PING"))) {
					return;
				}
			}
			catch (UncheckedIOException ex) {
				// not listening yet
			}
			sleep(Duration.ofMillis(100));
		}
		throw new IllegalStateException(
				"clamd did not answer PING within " + timeout + ":\n" + tail(workDir().resolve("clamd.log")));
	}

	private static Path prepare(ClamdOptions options) {
		Path workDir = options.workDir().toAbsolutePath();
		try {
			Files.createDirectories(workDir.resolve("tmp"));
			Files.createDirectories(workDir.resolve("db"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create clamd's work directory " + workDir, ex);
		}
		SignatureDatabase.build(workDir.resolve("db"), options.signatureVersion());
		return workDir;
	}

	private static Path writeConfig(ClamdOptions options, Path workDir, int port) {
		Map<String, String> values = Map.of("workDir", workDir.toString(), "port", Integer.toString(port), "maxThreads",
				Integer.toString(options.maxThreads()), "streamMaxLength", options.streamMaxLength(), "maxFileSize",
				options.maxFileSize(), "maxScanSize", options.maxScanSize(), "maxScanTimeMillis",
				Long.toString(options.maxScanTime().toMillis()), "disableCache", options.disableCache() ? "yes" : "no");
		String config = Resources.text("clamav/clamd.conf.template");
		for (Map.Entry<String, String> value : values.entrySet()) {
			config = config.replace("${" + value.getKey() + "}", value.getValue());
		}
		// Placeholders are ${name}; the template's comments mention "${...}", which is
		// none.
		Matcher unfilled = UNFILLED_PLACEHOLDER.matcher(config);
		if (unfilled.find()) {
			throw new IllegalStateException(
					"clamd.conf.template has a placeholder without a value: " + unfilled.group());
		}
		Path file = workDir.resolve("clamd.conf");
		try {
			Files.writeString(file, config);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
		return file;
	}

	private static Process launch(Path clamd, Path config, Path workDir) {
		try {
			return new ProcessBuilder(List.of(clamd.toString(), "--config-file=" + config)).redirectErrorStream(true)
				.redirectOutput(workDir.resolve("clamd.out").toFile())
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + clamd, ex);
		}
	}

	private static String tail(Path file) {
		try {
			List<String> lines = Files.readAllLines(file);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())) + "\n";
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for clamd", ex);
		}
	}

}
