package dev.bucketwarden.bench.api;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import dev.bucketwarden.bench.support.BareInstreamClient;

/**
 * The simplest correct HTTP/1.1 client for one POST at a time over one keep-alive
 * connection: the counterpart of {@link BareInstreamClient} on the agent's side, so that
 * both paths of {@code bin/bench api} are driven by equally lean clients and the
 * difference between them is the agent's. It sends {@code Content-Length} and the file's
 * bytes, and reads a response framed by {@code Content-Length} or chunked encoding; when
 * the server closes the connection, the next request opens a new one.
 * <p>
 * Not thread-safe: one instance per worker thread.
 */
final class PlainHttpClient implements Closeable {

	private static final int TIMEOUT_MILLIS = 120_000;

	private final InetSocketAddress address;

	private final byte[] buffer = new byte[128 << 10];

	private Socket socket;

	private InputStream in;

	private OutputStream out;

	PlainHttpClient(int port) {
		this.address = new InetSocketAddress("127.0.0.1", port);
	}

	/**
	 * The response to a POST of the file.
	 *
	 * @param status the status code
	 * @param body the body as UTF-8 text
	 */
	record Response(int status, String body) {
	}

	Response post(String path, String authorization, Path file) throws IOException {
		connect();
		long length = Files.size(file);
		String head = "POST " + path + " HTTP/1.1\r\nHost: " + this.address.getHostString() + ":"
				+ this.address.getPort() + "\r\nAuthorization: " + authorization
				+ "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + length + "\r\n\r\n";
		try {
			this.out.write(head.getBytes(StandardCharsets.ISO_8859_1));
			try (InputStream content = Files.newInputStream(file)) {
				int n;
				while ((n = content.read(this.buffer)) > 0) {
					this.out.write(this.buffer, 0, n);
				}
			}
			this.out.flush();
			return read();
		}
		catch (IOException ex) {
			close();
			throw ex;
		}
	}

	private void connect() throws IOException {
		if (this.socket != null) {
			return;
		}
		Socket s = new Socket();
		s.setTcpNoDelay(true);
		s.setSoTimeout(TIMEOUT_MILLIS);
		s.connect(this.address, 10_000);
		this.socket = s;
		this.in = new BufferedInputStream(s.getInputStream(), 16 << 10);
		this.out = s.getOutputStream();
	}

	private Response read() throws IOException {
		String statusLine = line();
		String[] parts = statusLine.split(" ", 3);
		if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
			throw new IOException("Not an HTTP status line: '" + statusLine + "'");
		}
		int status = Integer.parseInt(parts[1]);
		long contentLength = -1;
		boolean chunked = false;
		boolean closes = parts[0].equals("HTTP/1.0");
		String header;
		while (!(header = line()).isEmpty()) {
			int colon = header.indexOf(':');
			if (colon <= 0) {
				continue;
			}
			String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
			String value = header.substring(colon + 1).trim();
			switch (name) {
				case "content-length" -> contentLength = Long.parseLong(value);
				case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
				case "connection" -> closes = value.equalsIgnoreCase("close");
				default -> {
				}
			}
		}
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		if (chunked) {
			long size;
			while ((size = Long.parseLong(line().split(";", 2)[0].trim(), 16)) > 0) {
				copy(size, body);
				line();
			}
			while (!line().isEmpty()) {
				// trailers
			}
		}
		else if (contentLength >= 0) {
			copy(contentLength, body);
		}
		else {
			this.in.transferTo(body);
			closes = true;
		}
		if (closes) {
			close();
		}
		return new Response(status, body.toString(StandardCharsets.UTF_8));
	}

	private void copy(long length, OutputStream to) throws IOException {
		long left = length;
		while (left > 0) {
			int n = this.in.read(this.buffer, 0, (int) Math.min(this.buffer.length, left));
			if (n < 0) {
				throw new EOFException("The connection closed " + left + " bytes before the end of the body");
			}
			to.write(this.buffer, 0, n);
			left -= n;
		}
	}

	private String line() throws IOException {
		StringBuilder line = new StringBuilder(64);
		int b;
		while ((b = this.in.read()) != '\n') {
			if (b < 0) {
				throw new EOFException("The connection closed in the middle of the response head");
			}
			if (b != '\r') {
				line.append((char) b);
			}
		}
		return line.toString();
	}

	@Override
	public void close() {
		if (this.socket != null) {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
			this.socket = null;
		}
	}

}
