package dev.bucketwarden.engine.clamav;

import java.util.List;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.UnscannableReason;
import dev.bucketwarden.engine.spi.Verdict;

/**
 * Maps clamd's reply to INSTREAM exactly. Heuristic alerts for encrypted content and
 * exceeded limits mean clamd could not look at everything, so they are unscannable, never
 * clean and not infected; every other {@code FOUND} is a detection.
 */
final class ScanReply {

	private static final String STREAM_PREFIX = "stream: ";

	private static final String FOUND = " FOUND";

	private static final String ERROR = " ERROR";

	private ScanReply() {
	}

	static Verdict parse(String reply) {
		String text = reply.strip();
		if (text.startsWith(STREAM_PREFIX)) {
			text = text.substring(STREAM_PREFIX.length());
		}
		if (text.equals("OK")) {
			return new Verdict.Clean();
		}
		if (text.endsWith(FOUND) && text.length() > FOUND.length()) {
			return found(text.substring(0, text.length() - FOUND.length()).strip());
		}
		if (text.startsWith("INSTREAM size limit exceeded")) {
			return new Verdict.Unscannable(UnscannableReason.TOO_LARGE,
					"Larger than clamd's StreamMaxLength (" + text + ")");
		}
		if (text.equals("COMMAND READ TIMED OUT")) {
			throw new EngineException(ErrorKind.TIMEOUT, "clamd timed out waiting for data: " + text);
		}
		if (text.endsWith(ERROR)) {
			throw EngineException.engineFailure("clamd could not scan the content: " + text);
		}
		throw EngineException.protocol("Unexpected reply from clamd: '" + abbreviate(text) + "'");
	}

	private static Verdict found(String signature) {
		if (signature.startsWith("Heuristics.Encrypted.")) {
			return new Verdict.Unscannable(UnscannableReason.ENCRYPTED, signature);
		}
		if (signature.startsWith("Heuristics.Limits.Exceeded")) {
			return new Verdict.Unscannable(UnscannableReason.LIMITS_EXCEEDED, signature);
		}
		return new Verdict.Infected(List.of(signature));
	}

	private static String abbreviate(String text) {
		return (text.length() <= 200) ? text : text.substring(0, 200) + "...";
	}

}
