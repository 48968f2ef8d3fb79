package dev.bucketwarden.engine.icap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal ICAP server for protocol edge cases that a real server will not produce on
 * demand. It parses requests as RFC 3507 describes them (request line, headers,
 * encapsulated HTTP headers, chunked body with preview and {@code ieof}) and answers what
 * the test's {@link Handler} says; it records every request for assertions.
 */
final class TinyIcapServer implements AutoCloseable {

	static final String EICAR_TAIL = "EICAR-STANDARD-ANTIVIRUS-TEST-FILE";

	/** Decides the answers. */
	interface Handler {

		/** The answer to OPTIONS. */
		default String options() {
			return "ICAP/1.0 200 OK\r\nMethods: RESPMOD\r\nService: Tiny ICAP 1.0\r\nISTag: \"tiny-1\"\r\n"
					+ "Options-TTL: 3600\r\nPreview: 1024\r\nAllow: 204\r\nEncapsulated: null-body=0\r\n\r\n";
		}

		/**
		 * The answer after the preview, or {@code null} for 100 Continue. Called with the
		 * whole body when no preview was sent.
		 */
		String afterPreview(Request request);

		/** The answer once the whole body arrived after 100 Continue. */
		default String afterBody(Request request) {
			return afterPreview(request);
		}

	}

	/** One RESPMOD request as received. */
	record Request(String line, Map<String, String> headers, String httpHeaders, byte[] body, boolean ieof,
			boolean previewOnly) {

		String text() {
			return new String(this.body, StandardCharsets.ISO_8859_1);
		}

	}

	private final ServerSocket socket;

	private final Thread acceptor;

	private final List<String> requestLines = new CopyOnWriteArrayList<>();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final List<Socket> clients = new CopyOnWriteArrayList<>();

	private volatile Handler handler;

	TinyIcapServer(Handler handler) throws IOException {
		this.handler = handler;
		this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.acceptor = Thread.ofVirtual().name("tiny-icap").start(this::accept);
	}

	int port() {
		return this.socket.getLocalPort();
	}

	void handler(Handler handler) {
		this.handler = handler;
	}

	/** Request lines of every request (OPTIONS and RESPMOD). */
	List<String> requestLines() {
		return List.copyOf(this.requestLines);
	}

	/** RESPMOD requests, each as it was when answered last. */
	List<Request> requests() {
		return List.copyOf(this.requests);
	}

	/**
	 * A 200 response carrying an HTTP response with the given body and no ICAP headers.
	 */
	static String ok200(String httpStatusLine, byte[] body, String... icapHeaders) {
		String http = httpStatusLine + "\r\nContent-Length: " + body.length + "\r\n\r\n";
		StringBuilder response = new StringBuilder("ICAP/1.0 200 OK\r\nISTag: \"tiny-1\"\r\n");
		for (String header : icapHeaders) {
			response.append(header).append("\r\n");
		}
		response.append("Encapsulated: res-hdr=0, res-body=").append(http.length()).append("\r\n\r\n").append(http);
		if (body.length > 0) {
			response.append(Integer.toHexString(body.length))
				.append("\r\n")
				.append(new String(body, StandardCharsets.ISO_8859_1))
				.append("\r\n");
		}
		return response.append("0\r\n\r\n").toString();
	}

	static String noContent(String... icapHeaders) {
		StringBuilder response = new StringBuilder("ICAP/1.0 204 No Content\r\nISTag: \"tiny-1\"\r\n");
		for (String header : icapHeaders) {
			response.append(header).append("\r\n");
		}
		return response.append("Encapsulated: null-body=0\r\n\r\n").toString();
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

	private void serve(Socket client) {
		try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
			String line = readLine(in);
			if (line == null) {
				return;
			}
			this.requestLines.add(line);
			Map<String, String> headers = headers(in);
			Handler current = this.handler;
			if (line.startsWith("OPTIONS ")) {
				write(out, current.options());
				return;
			}
			String encapsulated = headers.getOrDefault("encapsulated", "");
			StringBuilder http = new StringBuilder();
			if (encapsulated.contains("req-hdr")) {
				http.append(block(in));
			}
			if (encapsulated.contains("res-hdr")) {
				http.append(block(in));
			}
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			boolean ieof = chunks(in, body);
			boolean preview = headers.containsKey("preview");
			Request request = new Request(line, headers, http.toString(), body.toByteArray(), ieof, preview && !ieof);
			this.requests.add(request);
			String answer = current.afterPreview(request);
			if (answer == null) {
				write(out, "ICAP/1.0 100 Continue\r\n\r\n");
				chunks(in, body);
				request = new Request(line, headers, http.toString(), body.toByteArray(), ieof, false);
				this.requests.set(this.requests.size() - 1, request);
				answer = current.afterBody(request);
			}
			if (answer.equals("SILENT")) {
				in.transferTo(OutputStream.nullOutputStream());
				return;
			}
			write(out, answer);
		}
		catch (IOException ex) {
			// the client went away
		}
		finally {
			this.clients.remove(client);
		}
	}

	private static Map<String, String> headers(InputStream in) throws IOException {
		Map<String, String> headers = new LinkedHashMap<>();
		String line;
		while ((line = readLine(in)) != null && !line.isEmpty()) {
			int colon = line.indexOf(':');
			headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
		}
		return headers;
	}

	private static String block(InputStream in) throws IOException {
		StringBuilder block = new StringBuilder();
		String line;
		while ((line = readLine(in)) != null && !line.isEmpty()) {
			block.append(line).append("\r\n");
		}
		return block.append("\r\n").toString();
	}

	/** Reads chunks up to the last one; returns whether it carried {@code ieof}. */
	private static boolean chunks(InputStream in, ByteArrayOutputStream body) throws IOException {
		while (true) {
			String sizeLine = readLine(in);
			if (sizeLine == null) {
				throw new IOException("connection ended in the body");
			}
			String[] parts = sizeLine.split(";", 2);
			int size = Integer.parseInt(parts[0].strip(), 16);
			if (size == 0) {
				readLine(in);
				return parts.length > 1 && parts[1].strip().equals("ieof");
			}
			body.write(in.readNBytes(size));
			readLine(in);
		}
	}

	private static void write(OutputStream out, String text) throws IOException {
		out.write(text.getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		while (true) {
			int b = in.read();
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

	@Override
	public void close() throws IOException {
		this.socket.close();
		for (Socket client : this.clients) {
			client.close();
		}
		try {
			this.acceptor.join(Duration.ofSeconds(5));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
