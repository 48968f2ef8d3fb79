package dev.bucketwarden.local.faults;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;

/**
 * How an HTTP/1.1 message body is delimited (RFC 9112, 6.3), and the copying of it byte
 * for byte, framing included, in bounded buffers: a 32 MiB object never sits in memory.
 */
enum Framing {

	/** No body: HEAD responses, 1xx, 204, 304, and requests without a length. */
	NONE,

	/** {@code Content-Length} bytes. */
	LENGTH,

	/** {@code Transfer-Encoding: chunked}, copied with its chunk lines and trailers. */
	CHUNKED,

	/** A response body that ends when the server closes the connection. */
	UNTIL_CLOSE;

	private static final int BUFFER = 64 * 1024;

	static Framing ofRequest(HttpHead request) {
		if (isChunked(request)) {
			return CHUNKED;
		}
		return (length(request) > 0) ? LENGTH : NONE;
	}

	static Framing ofResponse(String requestMethod, HttpHead response) {
		int status = response.status();
		if (requestMethod.equals("HEAD") || (status >= 100 && status < 200) || status == 204 || status == 304) {
			return NONE;
		}
		if (isChunked(response)) {
			return CHUNKED;
		}
		if (response.header("Content-Length") != null) {
			return (length(response) > 0) ? LENGTH : NONE;
		}
		return UNTIL_CLOSE;
	}

	static long length(HttpHead head) {
		String length = head.header("Content-Length");
		try {
			return (length != null) ? Long.parseLong(length) : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static boolean isChunked(HttpHead head) {
		String encoding = head.header("Transfer-Encoding");
		return encoding != null && encoding.toLowerCase(Locale.ROOT).endsWith("chunked");
	}

	/** Copies the whole body. */
	void copy(HttpHead head, InputStream in, OutputStream out) throws IOException {
		switch (this) {
			case NONE -> {
			}
			case LENGTH -> copyExactly(in, out, length(head));
			case CHUNKED -> copyChunked(in, out);
			case UNTIL_CLOSE -> in.transferTo(out);
		}
	}

	/**
	 * Copies about half of the body: half of its length, half of its first chunk, or half
	 * of what the first read of a body until close gives.
	 */
	void copyHalf(HttpHead head, InputStream in, OutputStream out) throws IOException {
		switch (this) {
			case NONE -> {
			}
			case LENGTH -> copyExactly(in, out, length(head) / 2);
			case CHUNKED -> {
				String sizeLine = copyLine(in, out);
				copyExactly(in, out, chunkSize(sizeLine) / 2);
			}
			case UNTIL_CLOSE -> {
				byte[] buffer = new byte[BUFFER];
				int read = in.read(buffer);
				if (read > 0) {
					out.write(buffer, 0, read / 2);
				}
			}
		}
	}

	static void copyExactly(InputStream in, OutputStream out, long length) throws IOException {
		byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(length, 1))];
		long left = length;
		while (left > 0) {
			int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
			if (read < 0) {
				throw new EOFException("Connection closed with " + left + " bytes of the body to come");
			}
			out.write(buffer, 0, read);
			left -= read;
		}
	}

	private static void copyChunked(InputStream in, OutputStream out) throws IOException {
		long size;
		do {
			size = chunkSize(copyLine(in, out));
			if (size > 0) {
				copyExactly(in, out, size);
				// The CRLF after the chunk's data.
				copyLine(in, out);
			}
		}
		while (size > 0);
		// Trailer fields, then the empty line that ends the message.
		while (!copyLine(in, out).isEmpty()) {
			// Each trailer line was copied by copyLine.
		}
	}

	/** Copies one line through its LF; returns it without its line end. */
	private static String copyLine(InputStream in, OutputStream out) throws IOException {
		StringBuilder line = new StringBuilder();
		int b;
		while ((b = in.read()) != '\n') {
			if (b < 0) {
				throw new EOFException("Connection closed inside chunked framing");
			}
			if (line.length() > HttpHead.MAX_BYTES) {
				throw new IOException("Chunked framing line longer than " + HttpHead.MAX_BYTES + " bytes");
			}
			out.write(b);
			line.append((char) b);
		}
		out.write(b);
		int end = line.length();
		return (end > 0 && line.charAt(end - 1) == '\r') ? line.substring(0, end - 1) : line.toString();
	}

	/** The size of a chunk from its size line, ignoring chunk extensions. */
	private static long chunkSize(String sizeLine) throws IOException {
		int semicolon = sizeLine.indexOf(';');
		String hex = ((semicolon < 0) ? sizeLine : sizeLine.substring(0, semicolon)).trim();
		try {
			return Long.parseLong(hex, 16);
		}
		catch (NumberFormatException ex) {
			throw new IOException("Not a chunk size line: " + sizeLine, ex);
		}
	}

}
