package dev.bucketwarden.bench.support;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An HTTP/1.1 response read from a plain socket's stream: the benchmarks' and the chaos
 * run's clients write requests by hand (to keep the client lean, or to cut a body short),
 * so they read the answer by hand too. The body is framed by {@code Content-Length},
 * chunked encoding (trailers read and dropped) or the end of the connection.
 *
 * @param status the status code
 * @param headers the headers, names in lower case (the last of a repeated one)
 * @param body the body as UTF-8 text
 * @param closes whether the server ends the connection after this response
 * ({@code Connection: close}, HTTP/1.0, or a body framed by the end of the connection)
 */
public record Http1Response(int status, Map<String, String> headers, String body, boolean closes) {

	/** A header's value, or {@code null}. */
	public @Nullable String header(String name) {
		return this.headers.get(name.toLowerCase(Locale.ROOT));
	}

	/**
	 * Reads one response.
	 * @param in the connection's stream (buffered: it is read a byte at a time in the
	 * head)
	 * @param buffer a buffer to copy the body through
	 * @return the response
	 * @throws IOException when the stream fails or ends before the response does
	 */
	public static Http1Response read(InputStream in, byte[] buffer) throws IOException {
		String statusLine = line(in);
		String[] parts = statusLine.split(" ", 3);
		if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
			throw new IOException("Not an HTTP status line: '" + statusLine + "'");
		}
		int status = Integer.parseInt(parts[1]);
		Map<String, String> headers = new HashMap<>();
		String header;
		while (!(header = line(in)).isEmpty()) {
			int colon = header.indexOf(':');
			if (colon > 0) {
				headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
						header.substring(colon + 1).trim());
			}
		}
		boolean closes = parts[0].equals("HTTP/1.0") || "close".equalsIgnoreCase(headers.get("connection"));
		String contentLength = headers.get("content-length");
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		if (headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
			long size;
			while ((size = Long.parseLong(line(in).split(";", 2)[0].trim(), 16)) > 0) {
				copy(in, size, body, buffer);
				line(in);
			}
			while (!line(in).isEmpty()) {
				// trailers
			}
		}
		else if (contentLength != null) {
			copy(in, Long.parseLong(contentLength), body, buffer);
		}
		else {
			in.transferTo(body);
			closes = true;
		}
		return new Http1Response(status, Map.copyOf(headers), body.toString(StandardCharsets.UTF_8), closes);
	}

	private static void copy(InputStream in, long length, OutputStream to, byte[] buffer) throws IOException {
		long left = length;
		while (left > 0) {
			int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
			if (n < 0) {
				throw new EOFException("The connection closed " + left + " bytes before the end of the body");
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
				throw new EOFException("The connection closed in the middle of the response head");
			}
			if (b != '\r') {
				line.append((char) b);
			}
		}
		return line.toString();
	}

}
