package dev.bucketwarden.agent.large;

/**
 * One member of a zip as its central directory describes it: the central directory, not
 * the local header, is the authority for sizes (a member written with a data descriptor
 * has zeros in its local header).
 *
 * @param offset where its local header starts in the object
 * @param compressedSize the bytes of its data in the object
 * @param size its length once decompressed
 * @param method the compression method (0 stored, 8 deflate)
 * @param flags the general purpose flags (bit 0: encrypted)
 */
public record ZipMember(long offset, long compressedSize, long size, int method, int flags) {

	static final int STORED = 0;

	static final int DEFLATED = 8;

	/** WinZip's AES encryption puts this method in the headers. */
	static final int AES = 99;

	public ZipMember {
		if (offset < 0 || compressedSize < 0 || size < 0 || method < 0 || method > 0xFFFF || flags < 0
				|| flags > 0xFFFF) {
			throw new IllegalArgumentException("Not a zip member: offset " + offset + ", sizes " + compressedSize + "/"
					+ size + ", method " + method + ", flags " + flags);
		}
	}

	/** Traditional PKWARE encryption (flag bit 0) or WinZip AES. */
	boolean encrypted() {
		return (this.flags & 1) != 0 || this.method == AES;
	}

	boolean supported() {
		return this.method == STORED || this.method == DEFLATED;
	}

}
