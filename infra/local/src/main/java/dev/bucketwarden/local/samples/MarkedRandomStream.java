package dev.bucketwarden.local.samples;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Random bytes generated as they are read, ending with the test marker: content of any
 * size without memory or disk, detectable only if its very last bytes were scanned.
 */
final class MarkedRandomStream extends InputStream {

	private final byte[] marker;

	private final long size;

	private final SplittableRandom random;

	private long position;

	MarkedRandomStream(long size, long seed, boolean marked) {
		this.marker = marked ? Samples.MARKER.getBytes(StandardCharsets.US_ASCII) : new byte[0];
		this.size = size;
		this.random = new SplittableRandom(seed);
	}

	@Override
	public int read() {
		byte[] one = new byte[1];
		return (read(one, 0, 1) == -1) ? -1 : one[0] & 0xFF;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) {
		if (this.position >= this.size) {
			return -1;
		}
		int n = (int) Math.min(length, this.size - this.position);
		long markerStart = this.size - this.marker.length;
		for (int i = 0; i < n; i++) {
			long at = this.position + i;
			buffer[offset + i] = (at >= markerStart) ? this.marker[(int) (at - markerStart)]
					: (byte) this.random.nextInt(256);
		}
		this.position += n;
		return n;
	}

}
