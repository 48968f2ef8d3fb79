package dev.bucketwarden.agent.remediation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * Where a quarantined object goes: {@code <source-bucket>/<key>}, readable and easy to
 * find, as long as that fits S3's 1024 bytes of UTF-8. A longer one (a source key near
 * the limit) keeps as much of that as fits and ends in {@code ~<SHA-256 of the whole>},
 * so two sources never share a key; the copy's metadata then says where it came from.
 *
 * @param key the quarantine key
 * @param sourceMetadata user metadata for the copy (empty when the key says it all)
 */
public record QuarantineKey(String key, Map<String, String> sourceMetadata) {

	/** S3's longest key, in bytes of UTF-8. */
	public static final int S3_MAX_KEY_BYTES = 1024;

	/** The source bucket, in the metadata of a copy under a shortened key. */
	public static final String SOURCE_BUCKET = "bucketwarden-source-bucket";

	/**
	 * The source key as URL-safe Base64 of its UTF-8 bytes (metadata values travel as
	 * HTTP headers, which carry ASCII only).
	 */
	public static final String SOURCE_KEY = "bucketwarden-source-key-base64";

	private static final int HASH_SUFFIX_BYTES = 1 + 64;

	public QuarantineKey {
		sourceMetadata = Map.copyOf(sourceMetadata);
	}

	public static QuarantineKey of(String bucket, String key) {
		String full = bucket + "/" + key;
		if (utf8Length(full) <= S3_MAX_KEY_BYTES) {
			return new QuarantineKey(full, Map.of());
		}
		String shortened = prefixOfAtMost(full, S3_MAX_KEY_BYTES - HASH_SUFFIX_BYTES) + "~" + sha256(full);
		return new QuarantineKey(shortened, Map.of(SOURCE_BUCKET, bucket, SOURCE_KEY,
				Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8))));
	}

	/** Whether the key had to be shortened. */
	public boolean shortened() {
		return !this.sourceMetadata.isEmpty();
	}

	static int utf8Length(String value) {
		return value.getBytes(StandardCharsets.UTF_8).length;
	}

	/** The longest prefix of whole code points within {@code maxBytes} of UTF-8. */
	private static String prefixOfAtMost(String value, int maxBytes) {
		int bytes = 0;
		int end = 0;
		while (end < value.length()) {
			int codePoint = value.codePointAt(end);
			int length = (codePoint < 0x80) ? 1 : (codePoint < 0x800) ? 2 : (codePoint < 0x10000) ? 3 : 4;
			if (bytes + length > maxBytes) {
				break;
			}
			bytes += length;
			end += Character.charCount(codePoint);
		}
		return value.substring(0, end);
	}

	private static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has SHA-256", ex);
		}
	}

}
