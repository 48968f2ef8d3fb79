package dev.bucketwarden.agent.large;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes read, and reads or skips exact lengths (an archive's headers). */
final class CountingInput extends FilterInputStream {

	private long count;

	CountingInput(InputStream in) {
		super(in);
	}

	long count() {
		return this.count;
	}

	@Override
	public int read() throws IOException {
		int read = super.read();
		if (read >= 0) {
			this.count++;
		}
		return read;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int read = super.read(buffer, offset, length);
		if (read > 0) {
			this.count += read;
		}
		return read;
	}

	@Override
	public long skip(long n) throws IOException {
		long skipped = super.skip(n);
		this.count += skipped;
		return skipped;
	}

	void readFully(byte[] buffer, int length) throws IOException {
		int done = 0;
		while (done < length) {
			int read = read(buffer, done, length - done);
			if (read < 0) {
				throw new EOFException("The stream ended " + (length - done) + " bytes early");
			}
			done += read;
		}
	}

	void skipFully(long length) throws IOException {
		long left = length;
		byte[] buffer = new byte[8192];
		while (left > 0) {
			int read = read(buffer, 0, (int) Math.min(buffer.length, left));
			if (read < 0) {
				throw new EOFException("The stream ended " + left + " bytes early");
			}
			left -= read;
		}
	}

}
