package dev.bucketwarden.engine.icap;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.zip.CRC32C;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.io.ContentSource;

/**
 * The content of one RESPMOD, read chunk by chunk into one buffer, with what was sent so
 * far: its length (for the size limit and the declared size) and CRC-32C (to recognise
 * our own bytes in a 200 answer).
 */
final class Body {

	private final PushbackInputStream source;

	private final long limit;

	private final byte[] buffer;

	private final CRC32C checksum = new CRC32C();

	private long sent;

	private boolean overLimit;

	Body(InputStream source, long limit, int chunkSize) {
		this.source = new PushbackInputStream(source, 1);
		this.limit = limit;
		this.buffer = new byte[chunkSize];
	}

	/** Reads up to {@code max} bytes into the buffer; 0 at the end. */
	int read(int max) {
		int n = ContentSource.read(this.source, this.buffer, 0, Math.min(max, this.buffer.length));
		this.sent += n;
		if (this.sent > this.limit) {
			this.overLimit = true;
		}
		this.checksum.update(this.buffer, 0, n);
		return n;
	}

	/** Whether the content has ended (looks one byte ahead). */
	boolean ended() {
		try {
			int next = this.source.read();
			if (next == -1) {
				return true;
			}
			this.source.unread(next);
			return false;
		}
		catch (IOException ex) {
			throw ContentSource.failure(ex);
		}
	}

	/**
	 * The declared size is in the HTTP header sent: content of another length is not it.
	 */
	void checkDeclaredSize(ScanContext context) {
		if (context.sizeKnown() && this.sent != context.size()) {
			throw EngineException.contentRead(
					"The content had " + this.sent + " bytes where " + context.size() + " were declared", null);
		}
	}

	boolean overLimit() {
		return this.overLimit;
	}

	byte[] buffer() {
		return this.buffer;
	}

	long sent() {
		return this.sent;
	}

	long checksum() {
		return this.checksum.getValue();
	}

}
