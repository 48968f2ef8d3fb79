package dev.bucketwarden.engine.chain;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import dev.bucketwarden.engine.spi.io.CountingInputStream;

/**
 * Wraps the content an engine reads so the chain knows afterwards what really happened:
 * how many bytes were read, whether the end was reached, whether the source failed, and
 * whether the content went past the size limit. It optionally copies everything it reads
 * to a spool, so the content is fetched once however many engines scan it. Not
 * thread-safe: one engine reads it at a time.
 */
final class MeteredInputStream extends CountingInputStream {

	private final long maxBytes;

	private final OutputStream copy;

	private boolean endReached;

	private boolean limitExceeded;

	private volatile boolean aborted;

	MeteredInputStream(InputStream source, long maxBytes, OutputStream copy) {
		super(source);
		this.maxBytes = maxBytes;
		this.copy = copy;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		if (this.aborted) {
			throw new IOException("The engine's time for this content is over");
		}
		return meteredRead(buffer, offset, length);
	}

	/**
	 * Synchronized: after {@link #abort()}, an engine thread may still be inside a read
	 * while the chain drains the rest; they must not read the source at once.
	 */
	private synchronized int meteredRead(byte[] buffer, int offset, int length) throws IOException {
		if (this.limitExceeded) {
			throw new ContentTooLargeException(this.maxBytes);
		}
		if (this.endReached) {
			return -1;
		}
		int n = super.read(buffer, offset, length);
		if (n == -1) {
			this.endReached = true;
			return -1;
		}
		if (count() > this.maxBytes) {
			this.limitExceeded = true;
			throw new ContentTooLargeException(this.maxBytes);
		}
		if (this.copy != null) {
			this.copy.write(buffer, offset, n);
		}
		return n;
	}

	/**
	 * Reads what the engine left unread, so that the spool holds the whole content; works
	 * after {@link #abort()}.
	 */
	void drain() throws IOException {
		byte[] buffer = new byte[64 * 1024];
		while (meteredRead(buffer, 0, buffer.length) != -1) {
			// copying happens in meteredRead
		}
	}

	/**
	 * Makes every further read by the engine fail: its time is over, and the chain may go
	 * on without it (an engine that ignores interrupts cannot keep consuming the
	 * content).
	 */
	void abort() {
		this.aborted = true;
	}

	/**
	 * Whether every byte of the content has been read: true once the source said end of
	 * stream, probed with one more read if the engine stopped right at the end.
	 */
	boolean fullyRead() throws IOException {
		if (!this.endReached && !this.limitExceeded && sourceFailure() == null) {
			byte[] probe = new byte[1];
			return read(probe, 0, 1) == -1;
		}
		return this.endReached;
	}

	boolean limitExceeded() {
		return this.limitExceeded;
	}

	/** Thrown to the engine that reads past the size limit. */
	static final class ContentTooLargeException extends IOException {

		ContentTooLargeException(long maxBytes) {
			super("Content is larger than the limit of " + maxBytes + " bytes");
		}

	}

}
