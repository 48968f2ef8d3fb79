package dev.bucketwarden.apiagent.scan;

import java.nio.charset.StandardCharsets;

/**
 * Which keys an upload may be stored under. S3 takes almost any key, but the apps and
 * tools that later copy objects to file systems, build URLs or print logs do not: a
 * {@code ..} or {@code .} segment climbs out of a directory, a leading {@code /} or an
 * empty segment ({@code a//b}, a trailing {@code /}) maps to another path than the one
 * shown, and a control character (CR, LF, DEL, ...) forges log lines and headers.
 * Backslash counts as a separator for the dot-segment check, as Windows tools read it so.
 */
final class UploadKeyPolicy {

	/** S3's limit for a key, in bytes of UTF-8. */
	static final int MAX_BYTES = 1024;

	private UploadKeyPolicy() {
	}

	/** Why the key is refused, or {@code null} when it may be used. */
	static String refusal(String key) {
		if (key == null || key.isEmpty()) {
			return "the key is empty";
		}
		int bytes = key.getBytes(StandardCharsets.UTF_8).length;
		if (bytes > MAX_BYTES) {
			return "the key is " + bytes + " bytes of UTF-8, over S3's limit of " + MAX_BYTES;
		}
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (Character.isISOControl(c)) {
				return String.format("the key has a control character (U+%04X) at position %d", (int) c, i);
			}
		}
		if (key.startsWith("/")) {
			return "the key starts with '/'";
		}
		for (String segment : key.split("/", -1)) {
			if (segment.isEmpty()) {
				return "the key has an empty segment ('//' or a trailing '/')";
			}
			for (String part : segment.split("\\\\", -1)) {
				if (part.equals("..") || part.equals(".")) {
					return "the key has a '" + part + "' segment";
				}
			}
		}
		return null;
	}

}
