package dev.bucketwarden.engine.spi.io;

import java.io.IOException;
import java.io.InputStream;

/**
 * The content as an engine or the chain reads it through a wrapper of its own (metered,
 * hashed, copied to a spool, guarded against expansion): counts the bytes read and
 * remembers a failure of the source, so that the wrapper can tell afterwards what really
 * happened, whatever the readers above made of it. Single-byte reads go through
 * {@link #read(byte[], int, int)}, which subclasses extend, so that no byte escapes them.
 * Closing does not close the source: its owner closes it.
 */
public class CountingInputStream extends BlockInputStream {

	private final InputStream source;

	private long count;

	private IOException sourceFailure;

	public CountingInputStream(InputStream source) {
		this.source = source;
	}

	/** The wrapped stream, for what subclasses pass straight through. */
	protected final InputStream source() {
		return this.source;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int n;
		try {
			n = this.source.read(buffer, offset, length);
		}
		catch (IOException ex) {
			this.sourceFailure = ex;
			throw ex;
		}
		if (n > 0) {
			this.count += n;
		}
		return n;
	}

	/** The bytes read so far. */
	public long count() {
		return this.count;
	}

	/** The source's read failure, if any. */
	public IOException sourceFailure() {
		return this.sourceFailure;
	}

	@Override
	public void close() {
		// The source's owner closes it; readers must not close it for them.
	}

}
