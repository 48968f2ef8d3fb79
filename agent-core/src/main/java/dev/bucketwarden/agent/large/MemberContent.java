package dev.bucketwarden.agent.large;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;

import dev.bucketwarden.engine.spi.io.BlockInputStream;

/**
 * A member's decompressed bytes as the engines read them, held to the length the archive
 * declared: the stream ends at that length, and {@link #disagreement()} says when the
 * member actually inflates to more or fewer bytes (a lying header, a zip bomb) or when
 * its compressed data is corrupt. A member of unknown length (a plain gzip) is held to
 * the bucket's max size instead. Nothing is buffered here.
 */
final class MemberContent extends BlockInputStream {

	private final InputStream source;

	private final long limit;

	private final boolean declared;

	private long count;

	private boolean longer;

	private boolean shorter;

	private boolean ended;

	private String corrupt = "";

	/**
	 * @param size the declared length, or -1 when unknown
	 * @param maxBytes the longest content the bucket allows
	 */
	MemberContent(InputStream source, long size, long maxBytes) {
		this.source = source;
		this.declared = size >= 0;
		this.limit = this.declared ? size : maxBytes;
	}

	long count() {
		return this.count;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		if (this.ended) {
			return -1;
		}
		if (this.count >= this.limit) {
			end();
			return -1;
		}
		int read = guarded(() -> this.source.read(buffer, offset, (int) Math.min(length, this.limit - this.count)));
		if (read < 0) {
			this.ended = true;
			this.shorter = this.declared && this.count < this.limit;
			return -1;
		}
		this.count += read;
		return read;
	}

	/** At the limit: one more byte from the source means the member is longer. */
	private void end() throws IOException {
		this.ended = true;
		this.longer = guarded(this.source::read) >= 0;
	}

	/**
	 * Reads what the engines left (nothing, when they read to the end) so that the
	 * lengths can be compared.
	 * @return the bytes the engines did not read
	 */
	long finish() throws IOException {
		long left = 0;
		byte[] buffer = new byte[8192];
		int read;
		while ((read = read(buffer, 0, buffer.length)) >= 0) {
			left += read;
		}
		return left;
	}

	/**
	 * Why the member is not what the archive declared, or an empty string when it is.
	 * Meaningful after the stream ended.
	 */
	String disagreement() {
		if (!this.corrupt.isEmpty()) {
			return "its compressed data is corrupt: " + this.corrupt;
		}
		if (this.longer) {
			return this.declared ? "it inflates to more than the declared " + this.limit + " bytes"
					: "it inflates to more than the bucket's max size of " + this.limit + " bytes";
		}
		if (this.shorter) {
			return "it inflates to " + this.count + " bytes, not the declared " + this.limit;
		}
		return "";
	}

	private int guarded(Read read) throws IOException {
		try {
			return read.read();
		}
		catch (ZipException ex) {
			// Corrupt deflate data is the archive's fault, not the source's:
			// retrying will not help, so the member is Unscannable, not an Error.
			this.corrupt = String.valueOf(ex.getMessage());
			this.ended = true;
			throw ex;
		}
	}

	@FunctionalInterface
	private interface Read {

		int read() throws IOException;

	}

}
