package dev.bucketwarden.engine.spi.io;

import java.io.IOException;
import java.io.InputStream;

/**
 * A stream whose one way of reading is {@link #read(byte[], int, int)}: single-byte reads
 * go through it too, so whatever a subclass bounds, counts or checks there holds for
 * every byte, however a reader asks for it.
 */
public abstract class BlockInputStream extends InputStream {

	@Override
	public final int read() throws IOException {
		byte[] one = new byte[1];
		int read = read(one, 0, 1);
		return (read < 0) ? -1 : (one[0] & 0xFF);
	}

	@Override
	public abstract int read(byte[] buffer, int offset, int length) throws IOException;

}
