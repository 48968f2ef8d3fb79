package dev.bucketwarden.engine.sophos;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.UnscannableReason;
import dev.bucketwarden.engine.spi.Verdict;

/**
 * Maps SAVDI's answer to SCANDATA (the lines after {@code ACC}, up to the empty line that
 * ends it) exactly onto a verdict:
 * <ul>
 * <li>{@code VIRUS <name> <location>}: a detection, in the data or an item inside it
 * (several lines for several detections);</li>
 * <li>{@code OK <code> <location>}: an item scanned;</li>
 * <li>{@code FAIL <code> <location>}: an item SAVI could not scan (code {@code 0212}:
 * encrypted);</li>
 * <li>{@code EVENT ...}: progress information, ignored;</li>
 * <li>{@code DONE OK|FAIL <code> <text>}: the end of the request; {@code DONE FAIL} means
 * the request failed.</li>
 * </ul>
 * Detections win (Infected is never a false clean); then a failed request is an error;
 * then an item that could not be scanned makes the whole unscannable. Clean needs
 * {@code DONE OK 0000} and no VIRUS or FAIL line. Anything else, including a reply
 * without DONE, is a protocol error.
 */
final class ScanReply {

	/** SAVI's SOPHOS_SAVI_ERROR_FILE_ENCRYPTED, in the four hex digits SSSP uses. */
	static final String ENCRYPTED = "0212";

	private static final String SUCCESS = "0000";

	private ScanReply() {
	}

	static Verdict parse(List<String> lines, String endpoint) {
		Set<String> viruses = new LinkedHashSet<>();
		String failedItem = null;
		String failCode = null;
		String done = null;
		for (String line : lines) {
			if (done != null) {
				throw unexpected("a line after DONE", line, endpoint);
			}
			String[] words = line.strip().split(" +", 3);
			switch (words[0]) {
				case "VIRUS" -> {
					if (words.length < 2) {
						throw unexpected("a VIRUS line without a name", line, endpoint);
					}
					viruses.add(words[1]);
				}
				case "OK" -> requireCode(words, line, endpoint);
				case "FAIL" -> {
					requireCode(words, line, endpoint);
					if (failCode == null || words[1].equals(ENCRYPTED)) {
						failCode = words[1];
						failedItem = (words.length > 2) ? words[2] : "the data";
					}
				}
				case "EVENT" -> {
					// progress reports, requested by options we do not send
				}
				case "DONE" -> done = line.strip();
				default -> throw unexpected("an unknown line", line, endpoint);
			}
		}
		if (done == null) {
			throw EngineException.protocol("SAVDI at " + endpoint + " ended its SCANDATA reply without DONE");
		}
		String[] doneWords = done.split(" +", 4);
		if (doneWords.length < 3 || !(doneWords[1].equals("OK") || doneWords[1].equals("FAIL"))
				|| !doneWords[2].matches("\\p{XDigit}{4}")) {
			throw unexpected("a malformed DONE line", done, endpoint);
		}
		if (!viruses.isEmpty()) {
			return new Verdict.Infected(List.copyOf(viruses));
		}
		if (doneWords[1].equals("FAIL")) {
			throw EngineException.engineFailure("SAVDI at " + endpoint + " could not scan the data: " + done);
		}
		if (failCode != null) {
			UnscannableReason reason = failCode.equals(ENCRYPTED) ? UnscannableReason.ENCRYPTED
					: UnscannableReason.UNSUPPORTED;
			return new Verdict.Unscannable(reason,
					"Sophos could not scan " + failedItem + " (SAVI code " + failCode + ")");
		}
		if (!doneWords[2].equals(SUCCESS)) {
			// DONE OK with a code other than success but nothing reported: not a clean
			// answer we can explain.
			throw unexpected("DONE with a non-zero code and no detection", done, endpoint);
		}
		return new Verdict.Clean();
	}

	private static void requireCode(String[] words, String line, String endpoint) {
		if (words.length < 2 || !words[1].matches("\\p{XDigit}{4}")) {
			throw unexpected("a result line without a four-digit code", line, endpoint);
		}
	}

	private static EngineException unexpected(String what, String line, String endpoint) {
		return EngineException.protocol("SAVDI at " + endpoint + " sent " + what + " in its SCANDATA reply: '"
				+ SsspText.abbreviate(line) + "'");
	}

}
