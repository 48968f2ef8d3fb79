package dev.bucketwarden.bench.large;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The benchmark object's bytes, made on the fly from a seed so that any range can be
 * produced again without storing it: periods of {@link #RANDOM_RUN} seeded pseudo-random
 * bytes followed by {@link #ZERO_RUN} zeros, so half the object is random (what real
 * backups and images look like to a scanner: compressed or encrypted stretches between
 * empty ones), optionally with EICAR written over the bytes at one offset. Nothing is
 * held but one random run per open stream.
 */
final class SparseContent {

	/** The random bytes at the start of each period. */
	static final int RANDOM_RUN = 1 << 20;

	/** The zeros after them. */
	static final int ZERO_RUN = 1 << 20;

	static final int PERIOD = RANDOM_RUN + ZERO_RUN;

	static final byte[] EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
		.getBytes(StandardCharsets.US_ASCII);

	private final long size;

	private final long seed;

	/** Where EICAR starts, or -1 for none. */
	private final long eicarAt;

	SparseContent(long size, long seed, long eicarAt) {
		if (size <= 0) {
			throw new IllegalArgumentException("The object needs at least one byte");
		}
		if (eicarAt >= 0 && eicarAt + EICAR.length > size) {
			throw new IllegalArgumentException("EICAR at " + eicarAt + " does not fit in " + size + " bytes");
		}
		this.size = size;
		this.seed = seed;
		this.eicarAt = eicarAt;
	}

	long size() {
		return this.size;
	}

	long eicarAt() {
		return this.eicarAt;
	}

	boolean hasEicar() {
		return this.eicarAt >= 0;
	}

	/** Whether bytes {@code [start, end)} hold all of EICAR. */
	boolean holdsEicar(long start, long end) {
		return hasEicar() && this.eicarAt >= start && this.eicarAt + EICAR.length <= end;
	}

	/**
	 * Whether bytes {@code [start, end)} are all zeros: they lie in one period's zero run
	 * and EICAR is not written over any of them.
	 */
	boolean zeros(long start, long end) {
		long periodStart = start - start % PERIOD;
		boolean inZeroRun = start - periodStart >= RANDOM_RUN && end <= periodStart + PERIOD;
		boolean touchesEicar = hasEicar() && this.eicarAt < end && this.eicarAt + EICAR.length > start;
		return inZeroRun && !touchesEicar;
	}

	/** The bytes {@code [start, end)}, made as they are read. */
	InputStream open(long start, long end) {
		if (start < 0 || end > this.size || end < start) {
			throw new IllegalArgumentException("Range [" + start + ", " + end + ") outside " + this.size + " bytes");
		}
		return new Range(start, end);
	}

	/**
	 * Fills {@code into[offset, offset + length)} with the bytes from {@code position}.
	 */
	void read(long position, byte[] into, int offset, int length, byte[] run, long[] runIndex) {
		int done = 0;
		while (done < length) {
			long at = position + done;
			long period = at / PERIOD;
			int inPeriod = (int) (at % PERIOD);
			int n;
			if (inPeriod < RANDOM_RUN) {
				if (runIndex[0] != period) {
					new SplittableRandom(this.seed * 0x9E3779B97F4A7C15L + period).nextBytes(run);
					runIndex[0] = period;
				}
				n = Math.min(length - done, RANDOM_RUN - inPeriod);
				System.arraycopy(run, inPeriod, into, offset + done, n);
			}
			else {
				n = Math.min(length - done, PERIOD - inPeriod);
				Arrays.fill(into, offset + done, offset + done + n, (byte) 0);
			}
			done += n;
		}
		overlayEicar(position, into, offset, length);
	}

	private void overlayEicar(long position, byte[] into, int offset, int length) {
		if (!hasEicar()) {
			return;
		}
		long from = Math.max(position, this.eicarAt);
		long to = Math.min(position + length, this.eicarAt + EICAR.length);
		for (long at = from; at < to; at++) {
			into[offset + (int) (at - position)] = EICAR[(int) (at - this.eicarAt)];
		}
	}

	/** A stream of one range; its own random run buffer, so streams run in parallel. */
	private final class Range extends InputStream {

		private final byte[] run = new byte[RANDOM_RUN];

		private final long[] runIndex = { -1 };

		private final long end;

		private long position;

		Range(long start, long end) {
			this.position = start;
			this.end = end;
		}

		@Override
		public int read() {
			byte[] one = new byte[1];
			return (read(one, 0, 1) == -1) ? -1 : (one[0] & 0xff);
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			if (length == 0) {
				return 0;
			}
			if (this.position >= this.end) {
				return -1;
			}
			int n = (int) Math.min(length, this.end - this.position);
			SparseContent.this.read(this.position, buffer, offset, n, this.run, this.runIndex);
			this.position += n;
			return n;
		}

		@Override
		public long skip(long n) {
			long skipped = Math.max(0, Math.min(n, this.end - this.position));
			this.position += skipped;
			return skipped;
		}

		@Override
		public int available() {
			return (int) Math.min(Integer.MAX_VALUE, this.end - this.position);
		}

	}

}
