package dev.bucketwarden.local.cicap;

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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.local.FreePorts;
import dev.bucketwarden.local.Tools;

/**
 * A c-icap process (Debian's {@code c-icap}) serving the antivirus service {@code avscan}
 * (Debian's {@code libc-icap-mod-virus-scan}) over a clamd's unix socket, listening on
 * 127.0.0.1 at a free port. c-icap runs in the foreground ({@code -N}) and forks a child
 * that serves requests; both are stopped by PID on {@link #close()}, and by a shutdown
 * hook if the JVM ends first.
 */
public final class CIcapServer implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(CIcapServer.class);

	/** The service name, as in {@code icap://127.0.0.1:PORT/avscan}. */
	public static final String SERVICE = "avscan";

	private static final String HOST = "127.0.0.1";

	private static final int START_ATTEMPTS = 3;

	private static final Pattern UNFILLED_PLACEHOLDER = Pattern.compile("\\$\\{\\w+\\}");

	/** Where Debian installs c-icap's modules, per architecture. */
	private static final List<Path> MODULE_DIRS = List.of(Path.of("/usr/lib/x86_64-linux-gnu/c_icap"),
			Path.of("/usr/lib/aarch64-linux-gnu/c_icap"), Path.of("/usr/lib/c_icap"), Path.of("/usr/local/lib/c_icap"));

	private final CIcapOptions options;

	private final int port;

	private final Process process;

	private final Thread shutdownHook;

	private CIcapServer(CIcapOptions options, int port, Process process) {
		this.options = options;
		this.port = port;
		this.process = process;
		this.shutdownHook = new Thread(this::stop, "c-icap-shutdown-" + process.pid());
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	/** Starts c-icap and returns once the service answers OPTIONS. */
	public static CIcapServer start(CIcapOptions options) {
		Path cIcap = Tools.require("c-icap", "c-icap");
		Path modulesDir = modulesDir();
		Path workDir = options.workDir().toAbsolutePath();
		try {
			Files.createDirectories(workDir.resolve("tmp"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create c-icap's work directory " + workDir, ex);
		}
		IllegalStateException lastFailure = null;
		for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
			int port = FreePorts.next();
			Path config = writeConfig(options, workDir, modulesDir, port);
			Process process = launch(cIcap, config, workDir);
			CIcapServer server = new CIcapServer(options, port, process);
			try {
				server.awaitReady(options.startTimeout());
				logger.info("c-icap on {}:{} over clamd at {} (pid {})", HOST, port, options.clamdSocket(),
						process.pid());
				return server;
			}
			catch (IllegalStateException ex) {
				// Most likely the port was taken between choosing it and c-icap binding
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

	public String service() {
		return SERVICE;
	}

	/** The antivirus service's URI. */
	public String uri() {
		return "icap://" + HOST + ":" + this.port + "/" + SERVICE;
	}

	public Path workDir() {
		return this.options.workDir();
	}

	public CIcapOptions options() {
		return this.options;
	}

	/**
	 * The lines of c-icap's access log so far, one per request: date, client, method,
	 * service and ICAP status (for example {@code ... RESPMOD avscan?... 204}).
	 */
	public List<String> accessLog() {
		try {
			Path log = workDir().resolve("access.log");
			return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.ISO_8859_1) : List.of();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read c-icap's access log", ex);
		}
	}

	/** The main process's PID (it forks the child that serves requests). */
	public long pid() {
		return this.process.pid();
	}

	public boolean isRunning() {
		return this.process.isAlive();
	}

	/** The service's answer to OPTIONS: status line and headers. */
	public String options(Duration timeout) {
		String request = "OPTIONS " + uri() + " ICAP/1.0\r\nHost: " + HOST + ":" + this.port
				+ "\r\nEncapsulated: null-body=0\r\nConnection: close\r\n\r\n";
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, this.port), (int) timeout.toMillis());
			socket.setSoTimeout((int) timeout.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder reply = new StringBuilder();
			byte[] buffer = new byte[4096];
			while (reply.indexOf("\r\n\r\n") < 0) {
				int n = in.read(buffer);
				if (n == -1) {
					break;
				}
				reply.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
			}
			return reply.toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("c-icap on port " + this.port + " did not answer OPTIONS", ex);
		}
	}

	/**
	 * Kills c-icap and its child at once (SIGKILL), as a crash would: for failure tests.
	 */
	public void kill() {
		List<ProcessHandle> children = this.process.descendants().toList();
		this.process.destroyForcibly();
		children.forEach(ProcessHandle::destroyForcibly);
		waitForExit(Duration.ofSeconds(10));
	}

	/** Stops c-icap gracefully, forcibly if it does not stop within 10 seconds. */
	@Override
	public void close() {
		stop();
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// the JVM is already shutting down; the hook is running or has run
		}
	}

	private void stop() {
		// The children are asked by PID too: when the main process is killed rather than
		// stopped, nothing else would end them.
		List<ProcessHandle> children = this.process.descendants().toList();
		if (this.process.isAlive()) {
			this.process.destroy();
			if (!waitForExit(Duration.ofSeconds(10))) {
				this.process.destroyForcibly();
				waitForExit(Duration.ofSeconds(10));
			}
		}
		for (ProcessHandle child : children) {
			if (child.isAlive()) {
				child.destroy();
				try {
					child.onExit().get(5, TimeUnit.SECONDS);
				}
				catch (Exception ex) {
					child.destroyForcibly();
				}
			}
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
						"c-icap exited with " + this.process.exitValue() + " before it was ready:\n"
								+ tail(workDir().resolve("c-icap.out")) + tail(workDir().resolve("server.log")));
			}
			try {
				if (options(Duration.ofSeconds(2)).startsWith("ICAP/1.0 200")) {
					return;
				}
			}
			catch (UncheckedIOException ex) {
				// not listening yet
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for c-icap", ex);
			}
		}
		throw new IllegalStateException(
				"c-icap did not answer OPTIONS within " + timeout + ":\n" + tail(workDir().resolve("server.log")));
	}

	private static Path modulesDir() {
		Optional<Path> found = MODULE_DIRS.stream()
			.filter((dir) -> Files.exists(dir.resolve("virus_scan.so")))
			.findFirst();
		if (found.isEmpty()) {
			found = MODULE_DIRS.stream()
				.map(Path::getParent)
				.flatMap(CIcapServer::listQuietly)
				.map((dir) -> dir.resolve("c_icap"))
				.filter((dir) -> Files.exists(dir.resolve("virus_scan.so")))
				.findFirst();
		}
		return found.orElseThrow(() -> new IllegalStateException("c-icap's virus_scan module is not installed. "
				+ "Run bin/setup, which installs the Debian package libc-icap-mod-virus-scan "
				+ "(apt-get install libc-icap-mod-virus-scan)."));
	}

	private static Stream<Path> listQuietly(Path dir) {
		try (Stream<Path> entries = Files.list(dir)) {
			return entries.toList().stream();
		}
		catch (IOException ex) {
			return Stream.empty();
		}
	}

	private static Path writeConfig(CIcapOptions options, Path workDir, Path modulesDir, int port) {
		Map<String, String> values = Map.of("workDir", workDir.toString(), "port", Integer.toString(port), "threads",
				Integer.toString(options.threads()), "modulesDir", modulesDir.toString(), "clamdSocket",
				options.clamdSocket().toAbsolutePath().toString(), "maxObjectSize", options.maxObjectSize());
		String config;
		try (InputStream in = CIcapServer.class.getClassLoader().getResourceAsStream("cicap/c-icap.conf.template")) {
			if (in == null) {
				throw new IllegalStateException("Missing resource cicap/c-icap.conf.template");
			}
			config = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the c-icap configuration template", ex);
		}
		for (Map.Entry<String, String> value : values.entrySet()) {
			config = config.replace("${" + value.getKey() + "}", value.getValue());
		}
		Matcher unfilled = UNFILLED_PLACEHOLDER.matcher(config);
		if (unfilled.find()) {
			throw new IllegalStateException(
					"c-icap.conf.template has a placeholder without a value: " + unfilled.group());
		}
		Path file = workDir.resolve("c-icap.conf");
		try {
			Files.writeString(file, config);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
		return file;
	}

	private static Process launch(Path cIcap, Path config, Path workDir) {
		try {
			return new ProcessBuilder(List.of(cIcap.toString(), "-N", "-f", config.toString()))
				.redirectErrorStream(true)
				.redirectOutput(workDir.resolve("c-icap.out").toFile())
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + cIcap, ex);
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

}
