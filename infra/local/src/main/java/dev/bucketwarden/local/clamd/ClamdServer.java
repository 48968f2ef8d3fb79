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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.local.process.ConfigTemplate;
import dev.bucketwarden.local.process.EmulatorServer;
import dev.bucketwarden.local.process.NativeProcess;
import dev.bucketwarden.local.support.Tools;

/**
 * A clamd process running our signature database (with synthetic signatures beside it
 * when {@link ClamdOptions#signatures()} asks) and configuration, listening on 127.0.0.1
 * at a free port and on a unix socket in its work directory. Stopped on {@link #close()},
 * and by a shutdown hook if the JVM ends first, so no clamd outlives the test run that
 * started it.
 */
public final class ClamdServer extends EmulatorServer<NativeProcess> {

	private static final Logger logger = LoggerFactory.getLogger(ClamdServer.class);

	private final ClamdOptions options;

	private final Duration signaturesWritten;

	/** When the running clamd process was launched, for its database load time. */
	private volatile long launchedNanos;

	private volatile DatabaseLoad databaseLoad;

	private ClamdServer(ClamdOptions options, int port, Duration signaturesWritten, long launchedNanos,
			NativeProcess process) {
		super(port, process);
		this.options = options;
		this.signaturesWritten = signaturesWritten;
		this.launchedNanos = launchedNanos;
		this.databaseLoad = new DatabaseLoad(signaturesWritten, Duration.ZERO, -1, -1);
	}

	/** Starts clamd and returns once it answers PING. */
	public static ClamdServer start(ClamdOptions options) {
		Path clamd = Tools.require("clamd", "clamav-daemon");
		Path workDir = prepare(options);
		long writing = System.nanoTime();
		options.signatures().writeTo(workDir.resolve("db"));
		Duration written = options.signatures().isEmpty() ? Duration.ZERO
				: Duration.ofNanos(System.nanoTime() - writing);
		ClamdServer server = start((port) -> {
			Path config = writeConfig(options, workDir, port);
			long launched = System.nanoTime();
			return new ClamdServer(options, port, written, launched, NativeProcess.start("clamd",
					List.of(clamd.toString(), "--config-file=" + config), workDir.resolve("clamd.out"), false));
		}, EmulatorServer::notAnswering);
		logger.info("clamd {} on {}:{} and {} (pid {}): {}", server.version(), HOST, server.port(), server.socket(),
				server.pid(), server.databaseLoad());
		return server;
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

	/**
	 * What loading the database cost the running clamd: its load time, the signatures it
	 * reported and its resident memory, measured when it first answered PING.
	 */
	public DatabaseLoad databaseLoad() {
		return this.databaseLoad;
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
			socket.connect(new InetSocketAddress(HOST, port()), 1000);
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
			throw new UncheckedIOException("clamd on port " + port() + " did not answer " + command, ex);
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
		this.launchedNanos = System.nanoTime();
		process().restart();
		awaitReady();
	}

	/** Kills clamd at once (SIGKILL), as a crash would: for failure tests. */
	public void kill() {
		process().kill();
	}

	@Override
	protected void awaitReady() {
		Path log = workDir().resolve("clamd.log");
		process().awaitReady(this.options.startTimeout(), "PING", () -> "PONG".equals(command("PING")), log);
		this.databaseLoad = new DatabaseLoad(this.signaturesWritten,
				Duration.ofNanos(System.nanoTime() - this.launchedNanos), DatabaseLoad.loadedSignatures(log),
				DatabaseLoad.residentBytes(pid()));
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

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for clamd", ex);
		}
	}

	private static Path writeConfig(ClamdOptions options, Path workDir, int port) {
		Map<String, String> values = Map.of("workDir", workDir.toString(), "port", Integer.toString(port), "maxThreads",
				Integer.toString(options.maxThreads()), "streamMaxLength", options.streamMaxLength(), "maxFileSize",
				options.maxFileSize(), "maxScanSize", options.maxScanSize(), "maxScanTimeMillis",
				Long.toString(options.maxScanTime().toMillis()), "disableCache", options.disableCache() ? "yes" : "no");
		return ConfigTemplate.write("clamav/clamd.conf.template", values, workDir.resolve("clamd.conf"));
	}

}
