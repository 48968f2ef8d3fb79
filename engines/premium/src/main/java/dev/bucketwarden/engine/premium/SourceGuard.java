package dev.bucketwarden.engine.premium;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;

import dev.bucketwarden.engine.spi.io.CountingInputStream;

/**
 * The content as the engine reads it: hashed (SHA-256) as it passes, optionally copied to
 * a spool, and with read failures of the source marked as such, so that a failing source
 * is never mistaken for a corrupt archive.
 */
final class SourceGuard extends CountingInputStream {

	private final MessageDigest sha256;

	private final OutputStream copy;

	SourceGuard(InputStream source, MessageDigest sha256, OutputStream copy) {
		super(source);
		this.sha256 = sha256;
		this.copy = copy;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int n;
		try {
			n = super.read(buffer, offset, length);
		}
		catch (IOException ex) {
			throw new SourceFailure(ex);
		}
		if (n > 0) {
			this.sha256.update(buffer, offset, n);
			if (this.copy != null) {
				this.copy.write(buffer, offset, n);
			}
		}
		return n;
	}

	@Override
	public long skip(long n) throws IOException {
		// Every byte must pass through the digest.
		byte[] buffer = new byte[(int) Math.min(n, 8192)];
		int read = read(buffer, 0, buffer.length);
		return Math.max(read, 0);
	}

	@Override
	public boolean markSupported() {
		return false;
	}

	@Override
	public int available() throws IOException {
		return source().available();
	}

	/** Reading the content itself failed. */
	static final class SourceFailure extends IOException {

		SourceFailure(IOException cause) {
			super(cause.getMessage(), cause);
		}

	}

}
