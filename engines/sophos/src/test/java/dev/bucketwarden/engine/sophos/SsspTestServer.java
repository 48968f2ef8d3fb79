package dev.bucketwarden.engine.sophos;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A stand-in for Sophos Anti-Virus Dynamic Interface (SAVDI) that speaks SSSP/1.0 as
 * Sophos publishes it ("SSSP - Sophos Simple Scanning Protocol" and the SSSP chapter of
 * the SAVDI user manual), so the engine can be tested without Sophos. The documents
 * themselves were not at hand when this was written; every behaviour below is also what
 * independent SSSP clients rely on (Samba's vfs_virusfilter_sophos, rspamd's Sophos
 * scanner, go-savdi), and a behaviour not confirmed by them is not used. What it does, by
 * the part of the protocol description it follows:
 * <ul>
 * <li><b>Connection and greeting</b>: on connect the server sends {@code OK SSSP/1.0},
 * the version it speaks. Lines end with LF (CR LF when {@link #crlf(boolean)} is set,
 * which clients must accept as well).</li>
 * <li><b>Requests and versions</b>: a request is one line, {@code SSSP/1.0 <REQUEST>};
 * the version may also be set once with a line of its own ({@code SSSP/1.0}, answered
 * with {@code ACC}). Every request is acknowledged first: {@code ACC <message-id>}, or
 * {@code REJ <code>} with 1 not recognised, 2 wrong version, 3 options error, 4 too much
 * data, 5 not permitted.</li>
 * <li><b>Replies</b>: after ACC, reply lines follow, ended by an empty line.</li>
 * <li><b>OPTIONS</b>: option lines {@code name:value} up to an empty line; ACC, then
 * {@code DONE OK 0000 ...}; a malformed option is {@code REJ 3}.
 * {@code savigrp:GrpArchiveUnpack 1} makes it look inside zip archives, as SAVI
 * does.</li>
 * <li><b>SCANDATA &lt;length&gt;</b>: ACC (or {@code REJ 4} when the length is over its
 * {@code maxscandata}), then exactly that many bytes are read; then per detection
 * {@code VIRUS <name> <location>}, per item {@code OK <code> <location>} or
 * {@code FAIL <code> <location>} (code 0212: encrypted), then {@code DONE OK 0000 ...}
 * (clean), {@code DONE OK 0203 ...} (virus found) and the empty line.</li>
 * <li><b>QUERY ENGINE</b>: ACC, {@code name: value} lines, the empty line.</li>
 * <li><b>BYE</b>: answered with {@code BYE}, then the connection is closed.</li>
 * </ul>
 * Detections: the EICAR test string ({@code EICAR-AV-Test}, Sophos's name for it) and
 * markers {@code SOPHOS-TEST-VIRUS:<name>;}, each reported; {@code SOPHOS-TEST-ENCRYPTED}
 * gives {@code FAIL 0212}. A {@link Fault} makes it misbehave in one precise way for
 * failure tests: malformed or truncated replies, disconnects, silence.
 */
final class SsspTestServer implements AutoCloseable {

	static final String EICAR_NAME = "EICAR-AV-Test";

	private static final Pattern MARKER = Pattern.compile("SOPHOS-TEST-VIRUS:([A-Za-z0-9/._-]+);");

	private static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

	enum Fault {

		/** Follows the protocol. */
		NONE,
		/** Greets as something else (an SMTP server). */
		FOREIGN_GREETING,
		/** Greets with a version of SSSP we do not speak. */
		GREETING_VERSION_2,
		/** Refuses every OPTIONS request with REJ 3. */
		REJECT_OPTIONS,
		/** Answers SCANDATA's data with a line that is no SSSP. */
		GARBAGE_REPLY,
		/** Sends a VIRUS line, then closes without DONE and without the empty line. */
		TRUNCATED_REPLY,
		/** Sends half a line, then closes. */
		CUT_LINE,
		/** Ends the reply (empty line) without DONE. */
		NO_DONE,
		/** DONE without a code. */
		MALFORMED_DONE,
		/** The request fails: {@code DONE FAIL 021E ...}. */
		DONE_FAIL,
		/** Closes the connection after ACC, without reading the data. */
		DISCONNECT_AFTER_ACC,
		/** Reads the data and never answers. */
		SILENT_AFTER_DATA,
		/** Sends a line of 20,000 bytes. */
		OVERLONG_LINE

	}

	private final ServerSocket socket;

	private final ServerSocketChannel unixSocket;

	private final Thread acceptor;

	private final AtomicInteger messageIds = new AtomicInteger();

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private final List<Closeable> clients = new CopyOnWriteArrayList<>();

	private volatile Fault fault = Fault.NONE;

	private volatile long maxScanData = Long.MAX_VALUE;

	private volatile boolean crlf;

	/** Listens on a free port of 127.0.0.1. */
	SsspTestServer() throws IOException {
		this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.unixSocket = null;
		this.acceptor = Thread.ofVirtual().name("sssp-test-server").start(this::accept);
	}

	/**
	 * Listens on a unix socket, as SAVDI does by default
	 * ({@code /var/run/savdi/sssp.sock}).
	 */
	SsspTestServer(Path unixSocket) throws IOException {
		this.socket = null;
		this.unixSocket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)
			.bind(UnixDomainSocketAddress.of(unixSocket));
		this.acceptor = Thread.ofVirtual().name("sssp-test-server").start(this::acceptUnix);
	}

	int port() {
		return this.socket.getLocalPort();
	}

	SsspTestServer fault(Fault fault) {
		this.fault = fault;
		return this;
	}

	SsspTestServer maxScanData(long maxScanData) {
		this.maxScanData = maxScanData;
		return this;
	}

	SsspTestServer crlf(boolean crlf) {
		this.crlf = crlf;
		return this;
	}

	/** Every request line received, in order (option lines included). */
	List<String> requests() {
		return List.copyOf(this.requests);
	}

	private void accept() {
		while (!this.socket.isClosed()) {
			try {
				Socket client = this.socket.accept();
				this.clients.add(client);
				Thread.ofVirtual().start(() -> serve(client));
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void acceptUnix() {
		while (this.unixSocket.isOpen()) {
			try {
				SocketChannel client = this.unixSocket.accept();
				this.clients.add(client);
				Thread.ofVirtual()
					.start(() -> serve(client, Channels.newInputStream(client), Channels.newOutputStream(client)));
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void serve(Socket client) {
		try {
			serve(client, client.getInputStream(), client.getOutputStream());
		}
		catch (IOException ex) {
			// the client went away
		}
	}

	private void serve(Closeable client, InputStream in, OutputStream out) {
		try (client; in; out) {
			Session session = new Session(in, out);
			session.run();
		}
		catch (IOException ex) {
			// the client went away
		}
		finally {
			this.clients.remove(client);
		}
	}

	@Override
	public void close() throws IOException {
		if (this.socket != null) {
			this.socket.close();
		}
		if (this.unixSocket != null) {
			this.unixSocket.close();
		}
		for (Closeable client : this.clients) {
			client.close();
		}
		try {
			this.acceptor.join(Duration.ofSeconds(5));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** One client's session. */
	private final class Session {

		private final InputStream in;

		private final OutputStream out;

		private boolean archiveUnpack;

		Session(InputStream in, OutputStream out) {
			this.in = in;
			this.out = out;
		}

		void run() throws IOException {
			Fault current = SsspTestServer.this.fault;
			switch (current) {
				case FOREIGN_GREETING -> send("220 mail.example.com ESMTP ready");
				case GREETING_VERSION_2 -> send("OK SSSP/2.0");
				default -> send("OK SSSP/1.0");
			}
			while (true) {
				String line = readLine();
				if (line == null) {
					return;
				}
				SsspTestServer.this.requests.add(line);
				if (line.equals("BYE")) {
					send("BYE");
					return;
				}
				if (line.equals("SSSP/1.0")) {
					send("ACC " + nextId());
					continue;
				}
				if (!line.startsWith("SSSP/")) {
					send("REJ 1");
					continue;
				}
				if (!line.startsWith("SSSP/1.0 ")) {
					send("REJ 2");
					continue;
				}
				String request = line.substring("SSSP/1.0 ".length());
				if (request.equals("OPTIONS")) {
					options(current);
				}
				else if (request.startsWith("SCANDATA ")) {
					if (!scanData(request.substring("SCANDATA ".length()), current)) {
						return;
					}
				}
				else if (request.equals("QUERY ENGINE")) {
					send("ACC " + nextId(), "engineversion: 3.99.1", "savversion: 5.99.0", "viruscount: 1234567",
							"virusdatachecksum: 5ab3c0de", "");
				}
				else {
					send("REJ 1");
				}
			}
		}

		private void options(Fault current) throws IOException {
			List<String> options = new ArrayList<>();
			while (true) {
				String option = readLine();
				if (option == null) {
					return;
				}
				SsspTestServer.this.requests.add(option);
				if (option.isEmpty()) {
					break;
				}
				options.add(option);
			}
			boolean malformed = options.stream().anyMatch((option) -> option.indexOf(':') < 1);
			if (current == Fault.REJECT_OPTIONS || malformed) {
				send("REJ 3");
				return;
			}
			for (String option : options) {
				if (option.replace(" ", "").equalsIgnoreCase("savigrp:GrpArchiveUnpack1")) {
					this.archiveUnpack = true;
				}
			}
			send("ACC " + nextId(), "DONE OK 0000 The function call succeeded", "");
		}

		/** Returns false when the session is over. */
		private boolean scanData(String lengthText, Fault current) throws IOException {
			long length;
			try {
				length = Long.parseLong(lengthText.strip());
			}
			catch (NumberFormatException ex) {
				send("REJ 1");
				return true;
			}
			if (length > SsspTestServer.this.maxScanData) {
				send("REJ 4");
				return true;
			}
			String id = nextId();
			send("ACC " + id);
			if (current == Fault.DISCONNECT_AFTER_ACC) {
				return false;
			}
			byte[] data = this.in.readNBytes((int) length);
			if (data.length < length) {
				return false;
			}
			String location = "/tmp/savid_tmp" + id.replace('/', '_');
			switch (current) {
				case GARBAGE_REPLY -> send("HTTP/1.1 400 Bad Request", "");
				case TRUNCATED_REPLY -> {
					send("VIRUS " + EICAR_NAME + " " + location);
					return false;
				}
				case CUT_LINE -> {
					this.out.write("DONE OK 00".getBytes(StandardCharsets.US_ASCII));
					this.out.flush();
					return false;
				}
				case NO_DONE -> send("OK 0000 " + location, "");
				case MALFORMED_DONE -> send("OK 0000 " + location, "DONE OK", "");
				case DONE_FAIL -> send("DONE FAIL 021E Could not open the data", "");
				case SILENT_AFTER_DATA -> {
					// Wait for the client to give up (it closes the connection).
					this.in.transferTo(OutputStream.nullOutputStream());
					return false;
				}
				case OVERLONG_LINE -> send("VIRUS " + "A".repeat(20_000) + " " + location, "");
				default -> send(verdict(data, location));
			}
			return true;
		}

		private String[] verdict(byte[] data, String location) {
			List<String> lines = new ArrayList<>();
			List<String> items = new ArrayList<>();
			scan(data, location, lines, items);
			boolean virus = lines.stream().anyMatch((line) -> line.startsWith("VIRUS "));
			lines.addAll(items);
			lines
				.add(virus ? "DONE OK 0203 Virus found during virus scan" : "DONE OK 0000 The function call succeeded");
			lines.add("");
			return lines.toArray(String[]::new);
		}

		private void scan(byte[] data, String location, List<String> detections, List<String> items) {
			String text = new String(data, StandardCharsets.ISO_8859_1);
			boolean found = false;
			if (text.contains(EICAR)) {
				detections.add("VIRUS " + EICAR_NAME + " " + location);
				found = true;
			}
			Matcher marker = MARKER.matcher(text);
			while (marker.find()) {
				detections.add("VIRUS " + marker.group(1) + " " + location);
				found = true;
			}
			if (text.contains("SOPHOS-TEST-ENCRYPTED")) {
				items.add("FAIL " + ScanReply.ENCRYPTED + " " + location);
				return;
			}
			if (this.archiveUnpack && data.length > 4 && data[0] == 'P' && data[1] == 'K') {
				try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(data))) {
					ZipEntry entry;
					while ((entry = zip.getNextEntry()) != null) {
						scan(zip.readAllBytes(), location + "/" + entry.getName(), detections, items);
					}
				}
				catch (IOException ex) {
					items.add("FAIL 0215 " + location);
					return;
				}
			}
			items.add((found ? "OK 0203 " : "OK 0000 ") + location);
		}

		private String nextId() {
			return "5F3A9C21/" + SsspTestServer.this.messageIds.incrementAndGet();
		}

		private void send(String... lines) throws IOException {
			String end = SsspTestServer.this.crlf ? "\r\n" : "\n";
			StringBuilder text = new StringBuilder();
			for (String line : lines) {
				text.append(line).append(end);
			}
			this.out.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
			this.out.flush();
		}

		private String readLine() throws IOException {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			while (true) {
				int b = this.in.read();
				if (b == -1) {
					return (line.size() == 0) ? null : line.toString(StandardCharsets.ISO_8859_1);
				}
				if (b == '\n') {
					String text = line.toString(StandardCharsets.ISO_8859_1);
					return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
				}
				line.write(b);
			}
		}

	}

}
