package dev.bucketwarden.engine.sophos;

/** Text helpers for messages that quote what a server sent. */
final class SsspText {

	private SsspText() {
	}

	static String abbreviate(String text) {
		String printable = text.replaceAll("[\\p{Cntrl}&&[^\\t]]", "?");
		return (printable.length() <= 200) ? printable : printable.substring(0, 200) + "...";
	}

}
