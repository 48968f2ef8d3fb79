package dev.bucketwarden.agent.large;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One message of the large-object queue: which pinned version, which part of it. Its text
 * is line-based, the key last, so that a key holding any character (a newline included)
 * reads back whole: {@code bw-part/1}, the part ({@link PartCodec}), the bucket, the
 * versionId (empty for none), the ETag, the key.
 *
 * @param bucket the bucket
 * @param key the key
 * @param versionId the pinned version, or {@code null}
 * @param eTag the pinned ETag
 * @param part the part to scan
 */
public record PartMessage(String bucket, String key, @Nullable String versionId, String eTag, Part part) {

	private static final String FORMAT = "bw-part/1";

	public PartMessage {
		Objects.requireNonNull(bucket, "bucket");
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(eTag, "eTag");
		Objects.requireNonNull(part, "part");
		if (versionId != null && versionId.isEmpty()) {
			versionId = null;
		}
	}

	public String encode() {
		return FORMAT + "\n" + PartCodec.encode(this.part) + "\n" + this.bucket + "\n"
				+ ((this.versionId != null) ? this.versionId : "") + "\n" + this.eTag + "\n" + this.key;
	}

	/**
	 * Reads a message back.
	 * @throws IllegalArgumentException when the text is not a part message
	 */
	public static PartMessage decode(String text) {
		String[] lines = text.split("\n", 6);
		if (lines.length != 6 || !lines[0].equals(FORMAT)) {
			throw new IllegalArgumentException("Not a large-object part message");
		}
		return new PartMessage(lines[2], lines[5], lines[3], lines[4], PartCodec.decode(lines[1]));
	}

	/** For logs: bucket, key, version and part. */
	public String describe() {
		return "s3://" + this.bucket + "/" + this.key + " (version " + this.versionId + ", ETag " + this.eTag
				+ ") part " + this.part.index();
	}

}
