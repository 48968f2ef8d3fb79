package dev.bucketwarden.engine.sophos;

import dev.bucketwarden.engine.spi.EngineException;

/**
 * SAVDI's first answer to every request: {@code ACC <id>} (accepted, with a message id)
 * or {@code REJ <code>}. The reject codes are SSSP's: 1 request not recognised, 2 wrong
 * protocol version, 3 error in the options, 4 too much data (SCANDATA over SAVDI's
 * {@code maxscandata}), 5 request not permitted.
 *
 * @param accepted ACC or REJ
 * @param value the message id of an ACC, the code of a REJ
 */
record Acknowledgement(boolean accepted, String value) {

	static final String TOO_MUCH_DATA = "4";

	static Acknowledgement parse(String line, String request, String endpoint) {
		if (line == null) {
			throw EngineException.unavailable(
					"SAVDI at " + endpoint + " closed the connection instead of acknowledging " + request, null);
		}
		String[] words = line.strip().split(" ");
		if (words.length == 2 && words[0].equals("ACC") && !words[1].isEmpty()) {
			return new Acknowledgement(true, words[1]);
		}
		if (words.length >= 2 && words[0].equals("REJ") && words[1].matches("\\d+")) {
			return new Acknowledgement(false, words[1]);
		}
		throw EngineException.protocol("SAVDI at " + endpoint + " answered " + request + " with '"
				+ SsspText.abbreviate(line) + "', neither ACC nor REJ");
	}

	/** The failure a rejection stands for, other than too much data. */
	EngineException rejection(String request, String endpoint) {
		String reason = switch (this.value) {
			case "1" -> "request not recognised";
			case "2" -> "wrong SSSP version";
			case "3" -> "error in the options";
			case TOO_MUCH_DATA -> "too much data";
			case "5" -> "request not permitted";
			default -> "unknown reject code";
		};
		String message = "SAVDI at " + endpoint + " rejected " + request + ": REJ " + this.value + " (" + reason + ")";
		// A server that does not speak our version or our requests is a protocol
		// mismatch; refused options or permissions are its configuration.
		return (this.value.equals("1") || this.value.equals("2")) ? EngineException.protocol(message)
				: EngineException.engineFailure(message);
	}

}
