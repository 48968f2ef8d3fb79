package dev.bucketwarden.agent.large;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

import dev.bucketwarden.engine.spi.io.BlockInputStream;

/**
 * The next {@code length} bytes of an archive's stream: one member's data. Closing it
 * does not close the archive; ending before {@code length} is an {@link EOFException} (a
 * truncated archive), not a short member.
 */
final class BoundedStream extends BlockInputStream {

	private final InputStream source;

	private long left;

	BoundedStream(InputStream source, long length) {
		this.source = source;
		this.left = length;
	}

	long left() {
		return this.left;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		if (this.left == 0) {
			return -1;
		}
		int read = this.source.read(buffer, offset, (int) Math.min(length, this.left));
		if (read < 0) {
			throw new EOFException("The archive ended " + this.left + " bytes before the end of a member");
		}
		this.left -= read;
		return read;
	}

	void skipRest() throws IOException {
		byte[] buffer = new byte[8192];
		while (this.left > 0) {
			if (read(buffer, 0, (int) Math.min(buffer.length, this.left)) < 0) {
				return;
			}
		}
	}

	@Override
	public void close() {
		// The archive goes on.
	}

}
