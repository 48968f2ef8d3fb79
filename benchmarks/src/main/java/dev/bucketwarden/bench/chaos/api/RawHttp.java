package dev.bucketwarden.bench.chaos.api;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 POST per connection over a plain socket, so that a client can do what no
 * HTTP library lets it: send part of the body it announced and then close or reset the
 * connection. Every wait is bounded by the socket's timeout.
 */
final class RawHttp {

	private final InetSocketAddress address;

	private final int timeoutMillis;

	RawHttp(int port, int timeoutMillis) {
		this.address = new InetSocketAddress("127.0.0.1", port);
		this.timeoutMillis = timeoutMillis;
	}

	/**
	 * Sends the request; when it is one that disconnects, sends the first
	 * {@link PlannedRequest#cutAt()} bytes of the body, then closes or resets the
	 * connection without reading an answer.
	 */
	Answer send(PlannedRequest request, String token) {
		byte[] body = request.body().bytes();
		String head = "POST " + request.path() + " HTTP/1.1\r\nHost: 127.0.0.1:" + this.address.getPort()
				+ "\r\nAuthorization: Bearer " + token + "\r\nContent-Type: application/octet-stream\r\nX-File-Name: "
				+ request.body().index() + ".bin\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
		try (Socket socket = new Socket()) {
			socket.setSoTimeout(this.timeoutMillis);
			socket.connect(this.address, 10_000);
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.ISO_8859_1));
			if (request.disconnects()) {
				out.write(body, 0, request.cutAt());
				out.flush();
				if (request.reset()) {
					// SO_LINGER 0: close sends RST instead of FIN.
					socket.setSoLinger(true, 0);
				}
				return Answer.none("disconnected after " + request.cutAt() + " of " + body.length + " bytes");
			}
			InputStream in = new BufferedInputStream(socket.getInputStream(), 16 << 10);
			try {
				out.write(body);
				out.flush();
			}
			catch (IOException ex) {
				// The agent may answer (503 with clamd down) and close before it read the
				// whole body: its answer is still there to read.
				return readAfterFailedWrite(in, ex);
			}
			return read(in);
		}
		catch (IOException ex) {
			return Answer.none(ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
	}

	private static Answer readAfterFailedWrite(InputStream in, IOException writeFailure) {
		try {
			return read(in);
		}
		catch (IOException ex) {
			return Answer.none("sending the body failed (" + writeFailure.getMessage() + ") and no answer came");
		}
	}

	static Answer read(InputStream in) throws IOException {
		String statusLine = line(in);
		String[] parts = statusLine.split(" ", 3);
		if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
			throw new IOException("Not an HTTP status line: '" + statusLine + "'");
		}
		int status = Integer.parseInt(parts[1]);
		long contentLength = -1;
		boolean chunked = false;
		String retryAfter = null;
		String header;
		while (!(header = line(in)).isEmpty()) {
			int colon = header.indexOf(':');
			if (colon <= 0) {
				continue;
			}
			String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
			String value = header.substring(colon + 1).trim();
			switch (name) {
				case "content-length" -> contentLength = Long.parseLong(value);
				case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
				case "retry-after" -> retryAfter = value;
				default -> {
				}
			}
		}
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		if (chunked) {
			long size;
			while ((size = Long.parseLong(line(in).split(";", 2)[0].trim(), 16)) > 0) {
				copy(in, size, body);
				line(in);
			}
		}
		else if (contentLength >= 0) {
			copy(in, contentLength, body);
		}
		else {
			in.transferTo(body);
		}
		return new Answer(status, retryAfter, body.toString(StandardCharsets.UTF_8), null);
	}

	private static void copy(InputStream in, long length, OutputStream to) throws IOException {
		byte[] buffer = new byte[8192];
		long left = length;
		while (left > 0) {
			int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
			if (n < 0) {
				throw new EOFException("The connection closed " + left + " bytes before the end of the answer");
			}
			to.write(buffer, 0, n);
			left -= n;
		}
	}

	private static String line(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder(64);
		int b;
		while ((b = in.read()) != '\n') {
			if (b < 0) {
				throw new EOFException("The connection closed in the middle of the answer's head");
			}
			if (b != '\r') {
				line.append((char) b);
			}
		}
		return line.toString();
	}

}
