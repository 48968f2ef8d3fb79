package dev.bucketwarden.agent.remediation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * Where a quarantined object goes: {@code <source-bucket>/<key>}, readable and easy to
 * find, as long as that fits S3's 1024 bytes of UTF-8 and, percent-encoded, leaves room
 * for the rest of the copy request. A longer one (a source key near the limit) keeps a
 * readable start and ends in {@code ~<SHA-256 of the whole>}, so two sources never share
 * a key; the copy's metadata then says where it came from.
 * <p>
 * The room matters because S3 refuses a PUT whose headers pass 8 KB, and a copy carries
 * the target key in its request line, the source key in {@code x-amz-copy-source} (both
 * percent-encoded: up to three characters per byte) and, for a shortened key, the source
 * key again in the metadata. A 1024-byte key of two-byte characters made that request 8.3
 * KB: the copy failed on every attempt and the infected object stayed in place.
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

	/**
	 * The longest quarantine key kept whole, in characters once percent-encoded: with the
	 * source (at most 3 KiB encoded) and the signing headers, a copy stays well within
	 * S3's 8 KB of request headers.
	 */
	static final int MAX_ENCODED_KEY = 2048;

	/**
	 * The readable start a shortened key keeps, in characters once percent-encoded: small
	 * enough to leave room for the source key's Base64 in the copy's metadata.
	 */
	private static final int SHORTENED_PREFIX_ENCODED = 512;

	public QuarantineKey {
		sourceMetadata = Map.copyOf(sourceMetadata);
	}

	public static QuarantineKey of(String bucket, String key) {
		String full = bucket + "/" + key;
		if (utf8Length(full) <= S3_MAX_KEY_BYTES && encodedLength(full) <= MAX_ENCODED_KEY) {
			return new QuarantineKey(full, Map.of());
		}
		String shortened = prefixOfAtMost(full, SHORTENED_PREFIX_ENCODED) + "~" + sha256(full);
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

	/**
	 * The length of the value percent-encoded as a URI path: unreserved ASCII and '/'
	 * stay, every other byte of UTF-8 takes three characters.
	 */
	static int encodedLength(String value) {
		return value.codePoints().map(QuarantineKey::encodedLength).sum();
	}

	private static int encodedLength(int codePoint) {
		boolean kept = (codePoint >= 'a' && codePoint <= 'z') || (codePoint >= 'A' && codePoint <= 'Z')
				|| (codePoint >= '0' && codePoint <= '9') || "-._~/".indexOf(codePoint) >= 0;
		if (kept) {
			return 1;
		}
		int bytes = (codePoint < 0x80) ? 1 : (codePoint < 0x800) ? 2 : (codePoint < 0x10000) ? 3 : 4;
		return 3 * bytes;
	}

	/**
	 * The longest prefix of whole code points within {@code maxEncoded} characters once
	 * percent-encoded (so also within as many bytes of UTF-8).
	 */
	private static String prefixOfAtMost(String value, int maxEncoded) {
		int encoded = 0;
		int end = 0;
		while (end < value.length()) {
			int codePoint = value.codePointAt(end);
			int length = encodedLength(codePoint);
			if (encoded + length > maxEncoded) {
				break;
			}
			encoded += length;
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
