package dev.bucketwarden.apiagent.security;

/**
 * The firewall's rules for header names and values, as loops instead of
 * {@code StrictHttpFirewall}'s regular expressions, which it runs on every header read:
 * the bearer token alone is a kilobyte read several times per request, and the regex
 * engine was a few percent of the agent's CPU per scan. Same rule, code point by code
 * point: assigned, and no control character (a tab is allowed in a value).
 */
final class HeaderText {

	private HeaderText() {
	}

	/** {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}, the firewall's rule for names. */
	static boolean isAllowedName(String name) {
		return allowed(name, false);
	}

	/** {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}, its rule for values. */
	static boolean isAllowedValue(String value) {
		return allowed(value, true);
	}

	private static boolean allowed(String text, boolean tab) {
		int length = text.length();
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			// Printable ASCII, nearly every header's every char, is assigned and no
			// control.
			if (c >= 0x20 && c < 0x7f) {
				continue;
			}
			int codePoint = text.codePointAt(i);
			if (Character.isSupplementaryCodePoint(codePoint)) {
				i++;
			}
			int type = Character.getType(codePoint);
			if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tab && codePoint == '\t'))) {
				return false;
			}
		}
		return true;
	}

}
