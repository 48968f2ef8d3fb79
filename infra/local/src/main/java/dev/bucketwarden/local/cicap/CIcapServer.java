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
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.local.process.ConfigTemplate;
import dev.bucketwarden.local.process.EmulatorServer;
import dev.bucketwarden.local.process.NativeProcess;
import dev.bucketwarden.local.support.Tools;

/**
 * A c-icap process (Debian's {@code c-icap}) serving the antivirus service {@code avscan}
 * (Debian's {@code libc-icap-mod-virus-scan}) over a clamd's unix socket, listening on
 * 127.0.0.1 at a free port. c-icap runs in the foreground ({@code -N}) and forks a child
 * that serves requests; both are stopped by PID on {@link #close()}, and by a shutdown
 * hook if the JVM ends first.
 */
public final class CIcapServer extends EmulatorServer<NativeProcess> {

	private static final Logger logger = LoggerFactory.getLogger(CIcapServer.class);

	/** The service name, as in {@code icap://127.0.0.1:PORT/avscan}. */
	public static final String SERVICE = "avscan";

	/** Where Debian installs c-icap's modules, per architecture. */
	private static final List<Path> MODULE_DIRS = List.of(Path.of("/usr/lib/x86_64-linux-gnu/c_icap"),
			Path.of("/usr/lib/aarch64-linux-gnu/c_icap"), Path.of("/usr/lib/c_icap"), Path.of("/usr/local/lib/c_icap"));

	private final CIcapOptions options;

	private CIcapServer(CIcapOptions options, int port, NativeProcess process) {
		super(port, process);
		this.options = options;
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
		CIcapServer server = start((port) -> {
			Path config = writeConfig(options, workDir, modulesDir, port);
			// c-icap forks the child that serves requests: it is stopped with it.
			return new CIcapServer(options, port, NativeProcess.start("c-icap",
					List.of(cIcap.toString(), "-N", "-f", config.toString()), workDir.resolve("c-icap.out"), true));
		}, EmulatorServer::notAnswering);
		logger.info("c-icap on {}:{} over clamd at {} (pid {})", HOST, server.port(), options.clamdSocket(),
				server.pid());
		return server;
	}

	public String service() {
		return SERVICE;
	}

	/** The antivirus service's URI. */
	public String uri() {
		return "icap://" + HOST + ":" + port() + "/" + SERVICE;
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
	@Override
	public long pid() {
		return super.pid();
	}

	/** The service's answer to OPTIONS: status line and headers. */
	public String options(Duration timeout) {
		String request = "OPTIONS " + uri() + " ICAP/1.0\r\nHost: " + HOST + ":" + port()
				+ "\r\nEncapsulated: null-body=0\r\nConnection: close\r\n\r\n";
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, port()), (int) timeout.toMillis());
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
			throw new UncheckedIOException("c-icap on port " + port() + " did not answer OPTIONS", ex);
		}
	}

	/**
	 * Kills c-icap and its child at once (SIGKILL), as a crash would: for failure tests.
	 */
	public void kill() {
		process().kill();
	}

	@Override
	protected void awaitReady() {
		process().awaitReady(this.options.startTimeout(), "OPTIONS",
				() -> options(Duration.ofSeconds(2)).startsWith("ICAP/1.0 200"), workDir().resolve("server.log"));
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
		return ConfigTemplate.write("cicap/c-icap.conf.template", values, workDir.resolve("c-icap.conf"));
	}

}
