package dev.bucketwarden.engine.icap;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.bucketwarden.engine.spi.EngineException;

/**
 * An ICAP response's status line and headers (RFC 3507 section 4.3): {@code ICAP/1.0
 * <code> <reason>}, then header lines up to an empty line. A header may continue on lines
 * starting with a space or tab (folding, as {@code X-Violations-Found} does); each header
 * keeps its lines.
 *
 * @param status the status code
 * @param reason the reason phrase
 * @param headers header lines by lower-case name; each value is its lines, folded
 * continuations stripped
 */
record IcapResponse(int status, String reason, Map<String, List<String>> headers) {

	private static final Pattern STATUS_LINE = Pattern.compile("ICAP/1\\.\\d (\\d{3})(?: (.*))?");

	private static final int MAX_HEADER_LINES = 500;

	static IcapResponse read(IcapConnection connection, Duration timeout) throws IOException {
		String statusLine = connection.readLine(timeout);
		if (statusLine == null) {
			throw EngineException.unavailable(
					"The ICAP server at " + connection.endpoint() + " closed the connection without a response", null);
		}
		Matcher matcher = STATUS_LINE.matcher(statusLine);
		if (!matcher.matches()) {
			throw EngineException.protocol("The ICAP server at " + connection.endpoint() + " sent '"
					+ IcapText.abbreviate(statusLine) + "', not an ICAP/1.x status line");
		}
		Map<String, List<String>> headers = new LinkedHashMap<>();
		List<String> current = null;
		for (int count = 0;; count++) {
			String line = connection.readLine(timeout);
			if (line == null) {
				throw EngineException.protocol("The ICAP server at " + connection.endpoint()
						+ " closed the connection in the headers of its " + matcher.group(1) + " response");
			}
			if (line.isEmpty()) {
				break;
			}
			if (count >= MAX_HEADER_LINES) {
				throw EngineException.protocol("The ICAP server at " + connection.endpoint() + " sent more than "
						+ MAX_HEADER_LINES + " header lines");
			}
			if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
				if (current == null) {
					throw EngineException.protocol("The ICAP server at " + connection.endpoint()
							+ " began its headers with a continuation line");
				}
				current.add(line.strip());
				continue;
			}
			int colon = line.indexOf(':');
			if (colon < 1) {
				throw EngineException.protocol("The ICAP server at " + connection.endpoint() + " sent the header line '"
						+ IcapText.abbreviate(line) + "'");
			}
			current = headers.computeIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
					(name) -> new ArrayList<>());
			String value = line.substring(colon + 1).strip();
			current.add(value);
		}
		return new IcapResponse(Integer.parseInt(matcher.group(1)), (matcher.group(2) != null) ? matcher.group(2) : "",
				headers);
	}

	/** The header's first line, if present. */
	Optional<String> header(String name) {
		List<String> lines = this.headers.get(name.toLowerCase(Locale.ROOT));
		return (lines == null || lines.isEmpty()) ? Optional.empty() : Optional.of(lines.getFirst());
	}

	/** All lines of the header (empty when absent). */
	List<String> headerLines(String name) {
		return this.headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
	}

	/**
	 * The offsets of the {@code Encapsulated} header (section 4.4.1), by section name
	 * ({@code req-hdr}, {@code res-hdr}, {@code req-body}, {@code res-body},
	 * {@code null-body}, {@code opt-body}).
	 */
	Map<String, Long> encapsulated(String endpoint) {
		Map<String, Long> sections = new LinkedHashMap<>();
		Optional<String> value = header("Encapsulated");
		if (value.isEmpty()) {
			return sections;
		}
		for (String part : value.get().split(",")) {
			String[] pair = part.strip().split("=", 2);
			if (pair.length != 2 || !pair[1].strip().matches("\\d{1,12}")) {
				throw EngineException.protocol("The ICAP server at " + endpoint + " sent 'Encapsulated: "
						+ IcapText.abbreviate(value.get()) + "'");
			}
			sections.put(pair[0].strip().toLowerCase(Locale.ROOT), Long.parseLong(pair[1].strip()));
		}
		return sections;
	}

}
