package dev.bucketwarden.agent.pipeline;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Passes content through to the chain and, when asked, keeps its SHA-256 on the way (for
 * allow-lists of digests). Skips are read, so no byte escapes the digest.
 */
final class DigestingStream extends FilterInputStream {

	private final MessageDigest digest;

	private long count;

	DigestingStream(InputStream in, boolean digesting) {
		super(in);
		try {
			this.digest = digesting ? MessageDigest.getInstance("SHA-256") : null;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

	@Override
	public int read() throws IOException {
		int b = this.in.read();
		if (b >= 0) {
			this.count++;
			if (this.digest != null) {
				this.digest.update((byte) b);
			}
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int n = this.in.read(buffer, offset, length);
		if (n > 0) {
			this.count += n;
			if (this.digest != null) {
				this.digest.update(buffer, offset, n);
			}
		}
		return n;
	}

	@Override
	public long skip(long n) throws IOException {
		byte[] buffer = new byte[8192];
		long skipped = 0;
		while (skipped < n) {
			int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
			if (read < 0) {
				break;
			}
			skipped += read;
		}
		return skipped;
	}

	@Override
	public boolean markSupported() {
		return false;
	}

	/**
	 * Reads what is left and returns the hex SHA-256 of everything, or {@code null} when
	 * the content was not the expected size (then no digest can be trusted).
	 */
	String finish(long expectedSize) throws IOException {
		byte[] buffer = new byte[64 * 1024];
		while (read(buffer, 0, buffer.length) >= 0) {
			// digesting the rest
		}
		return (this.digest != null && this.count == expectedSize) ? HexFormat.of().formatHex(this.digest.digest())
				: null;
	}

}
