package dev.bucketwarden.agent.large;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

import dev.bucketwarden.engine.spi.io.BlockInputStream;

/**
 * The decompressed content of a gzip of one or more members, each member's CRC and length
 * checked. Unlike {@link java.util.zip.GZIPInputStream}, which stops silently at bytes
 * after a member that are not another member, anything after the last member is a
 * {@link ZipException}: those bytes would otherwise be neither decompressed nor scanned.
 */
final class GzipStream extends BlockInputStream {

	private static final int BUFFER = 64 << 10;

	private static final int FHCRC = 2;

	private static final int FEXTRA = 4;

	private static final int FNAME = 8;

	private static final int FCOMMENT = 16;

	private final PushbackInputStream in;

	private final Inflater inflater = new Inflater(true);

	private final CRC32 crc = new CRC32();

	private final byte[] buffer = new byte[BUFFER];

	private int members;

	private long memberLength;

	private boolean inMember;

	private boolean ended;

	/** How many bytes the inflater was last given, from the start of the buffer. */
	private int lastInput;

	GzipStream(InputStream in) {
		this.in = new PushbackInputStream(in, BUFFER);
	}

	@Override
	public int read(byte[] target, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		while (!this.ended) {
			if (!this.inMember) {
				if (!header()) {
					this.ended = true;
					break;
				}
				this.inMember = true;
			}
			int inflated;
			try {
				inflated = this.inflater.inflate(target, offset, length);
			}
			catch (DataFormatException ex) {
				throw new ZipException("Corrupt deflate data in gzip member " + this.members + ": " + ex.getMessage());
			}
			if (inflated > 0) {
				this.crc.update(target, offset, inflated);
				this.memberLength += inflated;
				return inflated;
			}
			if (this.inflater.finished()) {
				int remaining = this.inflater.getRemaining();
				if (remaining > 0) {
					this.in.unread(this.buffer, this.lastInput - remaining, remaining);
				}
				trailer();
				continue;
			}
			if (this.inflater.needsDictionary()) {
				throw new ZipException("A gzip member needs a preset dictionary");
			}
			int read = this.in.read(this.buffer, 0, this.buffer.length);
			if (read < 0) {
				throw new EOFException("The gzip ends inside member " + this.members);
			}
			this.lastInput = read;
			this.inflater.setInput(this.buffer, 0, read);
		}
		return -1;
	}

	/** Reads a member's header; false at the end of the stream after a member. */
	private boolean header() throws IOException {
		int first = this.in.read();
		if (first < 0 && this.members > 0) {
			return false;
		}
		int second = this.in.read();
		if (first != 0x1f || second != 0x8b) {
			throw new ZipException((this.members == 0) ? "Not a gzip"
					: "Bytes after gzip member " + this.members + " that are not a gzip member");
		}
		byte[] fixed = readFully(8);
		if ((fixed[0] & 0xFF) != 8) {
			throw new ZipException("A gzip member compressed with method " + (fixed[0] & 0xFF));
		}
		int flags = fixed[1] & 0xFF;
		if ((flags & FEXTRA) != 0) {
			byte[] length = readFully(2);
			readFully(LittleEndian.u16(length, 0));
		}
		if ((flags & FNAME) != 0) {
			skipZeroTerminated();
		}
		if ((flags & FCOMMENT) != 0) {
			skipZeroTerminated();
		}
		if ((flags & FHCRC) != 0) {
			readFully(2);
		}
		this.members++;
		this.inflater.reset();
		this.crc.reset();
		this.memberLength = 0;
		return true;
	}

	private void trailer() throws IOException {
		byte[] trailer = readFully(8);
		if (LittleEndian.u32(trailer, 0) != this.crc.getValue()
				|| LittleEndian.u32(trailer, 4) != (this.memberLength & 0xFFFFFFFFL)) {
			throw new ZipException("Gzip member " + this.members + " does not match its CRC or length");
		}
		this.inMember = false;
	}

	private byte[] readFully(int length) throws IOException {
		byte[] bytes = this.in.readNBytes(length);
		if (bytes.length != length) {
			throw new EOFException("The gzip ends inside a member's header or trailer");
		}
		return bytes;
	}

	private void skipZeroTerminated() throws IOException {
		int read;
		do {
			read = this.in.read();
			if (read < 0) {
				throw new EOFException("The gzip ends inside a member's header");
			}
		}
		while (read != 0);
	}

	@Override
	public void close() throws IOException {
		this.inflater.end();
		this.in.close();
	}

}
