package dev.bucketwarden.local.faults;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The head of an HTTP/1.1 message (start line and header fields) as it came off the wire:
 * the exact bytes, to forward unchanged, and the fields parsed from them.
 */
final class HttpHead {

	/** Far above any AWS request or response head; a longer one is not HTTP we speak. */
	static final int MAX_BYTES = 64 * 1024;

	private final byte[] raw;

	private final String startLine;

	private final List<String> lines;

	private HttpHead(byte[] raw) {
		this.raw = raw;
		String text = new String(raw, StandardCharsets.ISO_8859_1);
		List<String> all = List.of(text.split("\r?\n"));
		this.startLine = all.get(0);
		this.lines = all.subList(1, all.size()).stream().filter((line) -> !line.isEmpty()).toList();
	}

	/** Parses a head given as text, with or without its final empty line. */
	static HttpHead of(String text) {
		String normalized = text.replaceAll("\r?\n", "\r\n");
		if (!normalized.endsWith("\r\n\r\n")) {
			normalized = normalized.endsWith("\r\n") ? normalized + "\r\n" : normalized + "\r\n\r\n";
		}
		return new HttpHead(normalized.getBytes(StandardCharsets.ISO_8859_1));
	}

	/**
	 * Reads one head, through its empty line.
	 * @return the head, or {@code null} if the stream ended before its first byte (the
	 * peer closed an idle keep-alive connection)
	 * @throws EOFException if the stream ended inside the head
	 */
	static @Nullable HttpHead read(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream(512);
		int last = 0;
		// The head ends at an empty line: CRLF CRLF, or a bare LF LF from a lenient peer.
		while ((last & 0xFFFFFFFF) != 0x0D0A0D0A && (last & 0xFFFF) != 0x0A0A) {
			int b = in.read();
			if (b < 0) {
				if (head.size() == 0) {
					return null;
				}
				throw new EOFException("Connection closed inside an HTTP head");
			}
			if (head.size() == 0 && (b == '\r' || b == '\n')) {
				// Tolerated before a request line (RFC 9112, 2.2).
				continue;
			}
			head.write(b);
			if (head.size() > MAX_BYTES) {
				throw new IOException("HTTP head longer than " + MAX_BYTES + " bytes");
			}
			last = (last << 8) | b;
		}
		return new HttpHead(head.toByteArray());
	}

	byte[] raw() {
		return this.raw;
	}

	String startLine() {
		return this.startLine;
	}

	/** The request method, for a request head. */
	String method() {
		return part(0);
	}

	/** The request target (path and query), for a request head. */
	String target() {
		return part(1);
	}

	/** The status code, for a response head. */
	int status() {
		try {
			return Integer.parseInt(part(1));
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/** The first value of a header field, trimmed; the name is case-insensitive. */
	@Nullable String header(String name) {
		for (String line : this.lines) {
			int colon = line.indexOf(':');
			if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
				return line.substring(colon + 1).trim();
			}
		}
		return null;
	}

	/** Whether a comma-separated header field (Connection, Expect) lists a token. */
	boolean hasToken(String name, String token) {
		for (String line : this.lines) {
			int colon = line.indexOf(':');
			if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
				for (String value : line.substring(colon + 1).split(",")) {
					if (value.trim().equalsIgnoreCase(token)) {
						return true;
					}
				}
			}
		}
		return false;
	}

	/** The same head without a header field; every other byte unchanged. */
	HttpHead without(String name) {
		String text = new String(this.raw, StandardCharsets.ISO_8859_1);
		String prefix = name.toLowerCase(Locale.ROOT) + ":";
		StringBuilder kept = new StringBuilder(text.length());
		for (String line : text.split("(?<=\n)")) {
			String lower = line.toLowerCase(Locale.ROOT);
			if (!lower.startsWith(prefix) && !lower.startsWith(name.toLowerCase(Locale.ROOT) + " :")) {
				kept.append(line);
			}
		}
		return new HttpHead(kept.toString().getBytes(StandardCharsets.ISO_8859_1));
	}

	private String part(int index) {
		String[] parts = this.startLine.split(" ", 3);
		return (parts.length > index) ? parts[index] : "";
	}

	@Override
	public String toString() {
		return this.startLine;
	}

}
