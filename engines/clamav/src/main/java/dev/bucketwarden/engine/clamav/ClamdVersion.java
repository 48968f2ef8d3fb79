package dev.bucketwarden.engine.clamav;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import dev.bucketwarden.engine.spi.EngineInfo;

/**
 * Parses clamd's VERSION reply, {@code ClamAV 1.4.6/27000/Sun Nov 22 03:51:26 2026}: the
 * product, the daily database version and its build time. Without a daily database clamd
 * answers only {@code ClamAV 1.4.6}.
 */
final class ClamdVersion {

	private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("MMM d HH:mm:ss yyyy", Locale.ENGLISH);

	private ClamdVersion() {
	}

	static EngineInfo parse(String engineId, String reply) {
		String[] parts = reply.strip().split("/", 3);
		String product = parts[0].strip();
		if (!product.startsWith("ClamAV")) {
			throw dev.bucketwarden.engine.spi.EngineException
				.protocol("Unexpected VERSION reply from clamd: '" + reply + "'");
		}
		String signatureVersion = (parts.length > 1) ? parts[1].strip() : null;
		Instant signatureDate = (parts.length > 2) ? parseDate(parts[2]) : null;
		return new EngineInfo(engineId, product, signatureVersion, signatureDate);
	}

	/**
	 * ctime form ({@code Sun Nov  2 09:41:02 2026}) in clamd's local time; our images run
	 * in UTC, so UTC is assumed. The weekday is redundant and skipped.
	 */
	private static Instant parseDate(String text) {
		String[] words = text.strip().split("\\s+", 2);
		if (words.length < 2) {
			return null;
		}
		try {
			return LocalDateTime.parse(words[1].replaceAll("\\s+", " "), CTIME).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
