package dev.bucketwarden.engine.icap;

import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

import dev.bucketwarden.engine.spi.EngineException;

/**
 * Reads the message a 200 response encapsulates (RFC 3507 section 4.4): the sections
 * named in {@code Encapsulated}, in offset order; an HTTP request header is skipped, the
 * HTTP response header gives the status, and the chunked body is compared with what was
 * sent (length and CRC-32C) without keeping it. Reading stops as soon as the body is
 * known to differ.
 */
final class Answers {

	private static final Pattern HTTP_STATUS = Pattern.compile("HTTP/\\d\\.\\d (\\d{3}).*");

	private Answers() {
	}

	static Answer read(IcapConnection connection, IcapResponse response, long sentLength, long sentChecksum,
			Duration timeout, String uri) {
		try {
			int status = 0;
			Answer.Body body = Answer.Body.NONE;
			Map<String, Long> sections = response.encapsulated(connection.endpoint());
			for (String section : sections.entrySet()
				.stream()
				.sorted(Map.Entry.comparingByValue(Comparator.naturalOrder()))
				.map(Map.Entry::getKey)
				.toList()) {
				switch (section) {
					case "req-hdr" -> headerBlock(connection, timeout, uri);
					case "res-hdr" -> status = httpStatus(headerBlock(connection, timeout, uri), uri);
					case "res-body" -> body = body(connection, sentLength, sentChecksum, timeout, uri);
					default -> {
						// null-body: nothing follows
					}
				}
			}
			return new Answer(status, body);
		}
		catch (IOException ex) {
			throw connection.failure("reading the answer of", ex);
		}
	}

	/** Reads an HTTP header block; returns its first line. */
	private static String headerBlock(IcapConnection connection, Duration timeout, String uri) throws IOException {
		String first = null;
		for (int count = 0; count < 500; count++) {
			String line = connection.readLine(timeout);
			if (line == null) {
				throw EngineException.protocol(uri + " closed the connection in an encapsulated HTTP header");
			}
			if (line.isEmpty()) {
				return (first != null) ? first : "";
			}
			if (first == null) {
				first = line;
			}
		}
		throw EngineException.protocol(uri + " sent an encapsulated HTTP header of more than 500 lines");
	}

	private static int httpStatus(String statusLine, String uri) {
		Matcher matcher = HTTP_STATUS.matcher(statusLine);
		if (!matcher.matches()) {
			throw EngineException
				.protocol(uri + " encapsulated '" + IcapText.abbreviate(statusLine) + "', not an HTTP status line");
		}
		return Integer.parseInt(matcher.group(1));
	}

	private static Answer.Body body(IcapConnection connection, long sentLength, long sentChecksum, Duration timeout,
			String uri) throws IOException {
		CRC32C checksum = new CRC32C();
		long length = 0;
		while (true) {
			String sizeLine = connection.readLine(timeout);
			if (sizeLine == null) {
				throw EngineException.protocol(uri + " closed the connection in an encapsulated body");
			}
			String size = sizeLine.split(";", 2)[0].strip();
			if (!size.matches("\\p{XDigit}{1,12}")) {
				throw EngineException.protocol(uri + " sent the chunk size '" + IcapText.abbreviate(sizeLine) + "'");
			}
			long chunk = Long.parseLong(size, 16);
			if (chunk == 0) {
				// Trailer lines, if any, up to the empty line.
				String trailer;
				do {
					trailer = connection.readLine(timeout);
				}
				while (trailer != null && !trailer.isEmpty());
				break;
			}
			length += chunk;
			if (length > sentLength) {
				// Longer than what was sent: modified, no need to read more.
				return Answer.Body.MODIFIED;
			}
			if (!connection.read(chunk, checksum::update, timeout)) {
				throw EngineException.protocol(uri + " closed the connection in a chunk of an encapsulated body");
			}
			if (!"".equals(connection.readLine(timeout))) {
				throw EngineException.protocol(uri + " did not end a chunk with CRLF");
			}
		}
		return (length == sentLength && checksum.getValue() == sentChecksum) ? Answer.Body.UNMODIFIED
				: Answer.Body.MODIFIED;
	}

}
