package dev.bucketwarden.agent.large;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.SequenceInputStream;
import java.util.function.LongFunction;

import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.chain.ScanReport;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.engine.spi.io.BlockInputStream;

/**
 * Scans a stream longer than a window (a large zip or tar member, a gzip's content) in
 * overlapping windows, one after the other, as {@link WindowPlan} cuts an object: each
 * window after the first starts with the last {@code overlap} bytes of the one before,
 * which are the only bytes kept in memory. A stream cannot be read twice, so the overlap
 * is replayed from memory instead of fetched again.
 */
final class SequentialWindows {

	private final long window;

	private final int overlap;

	SequentialWindows(long window, long overlap) {
		if (window <= 0 || overlap < 0 || overlap * 2 >= window || overlap > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("A window needs a size and an overlap under half of it");
		}
		this.window = window;
		this.overlap = (int) overlap;
	}

	/**
	 * Scans the stream to its end or to the first window that is not Clean.
	 * @param size the stream's length, or -1 when unknown
	 * @param context the scan context for a window of the given length (-1: unknown)
	 * @return whether to go on: false once the tally is decided
	 */
	boolean scan(InputStream stream, long size, EngineChain chain, LongFunction<ScanContext> context, PartTally tally)
			throws IOException {
		PushbackInputStream input = new PushbackInputStream(stream, 1);
		byte[] tail = new byte[0];
		long consumed = 0;
		while (true) {
			long fresh = (tail.length == 0) ? this.window : this.window - tail.length;
			int next = input.read();
			if (next < 0) {
				return true;
			}
			input.unread(next);
			long length = (size >= 0) ? tail.length + Math.min(fresh, size - consumed) : ScanContext.UNKNOWN_SIZE;
			Slice slice = new Slice(input, fresh, this.overlap);
			ScanReport report;
			try (InputStream content = new SequenceInputStream(new ByteArrayInputStream(tail), slice)) {
				report = chain.scan(content, context.apply(length));
			}
			if (!tally.add(report)) {
				return false;
			}
			if (slice.finish() > 0) {
				// A Clean answer for a window the engines did not read to its
				// end is no answer.
				return tally.decide(new Verdict.Error(ErrorKind.ENGINE_FAILURE,
						"The engines stopped reading a window before its end", null));
			}
			consumed += slice.read;
			if (slice.read < fresh) {
				return true;
			}
			tail = slice.tail();
		}
	}

	/**
	 * At most {@code limit} bytes of the stream, remembering the last {@code keep} of
	 * them in a ring.
	 */
	private static final class Slice extends BlockInputStream {

		private final InputStream source;

		private final long limit;

		private final byte[] ring;

		private long read;

		Slice(InputStream source, long limit, int keep) {
			this.source = source;
			this.limit = limit;
			this.ring = new byte[keep];
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (length == 0) {
				return 0;
			}
			if (this.read >= this.limit) {
				return -1;
			}
			int count = this.source.read(buffer, offset, (int) Math.min(length, this.limit - this.read));
			if (count < 0) {
				return -1;
			}
			remember(buffer, offset, count);
			this.read += count;
			return count;
		}

		/** Keeps the chunk's last bytes in the ring (only those can be the tail). */
		private void remember(byte[] buffer, int offset, int count) {
			if (this.ring.length == 0) {
				return;
			}
			int skip = Math.max(0, count - this.ring.length);
			long position = this.read + skip;
			int from = offset + skip;
			int left = count - skip;
			while (left > 0) {
				int at = (int) (position % this.ring.length);
				int length = Math.min(left, this.ring.length - at);
				System.arraycopy(buffer, from, this.ring, at, length);
				position += length;
				from += length;
				left -= length;
			}
		}

		/** Reads what the engines left; returns how many bytes that was. */
		long finish() throws IOException {
			long left = 0;
			byte[] buffer = new byte[8192];
			int count;
			while ((count = read(buffer, 0, buffer.length)) >= 0) {
				left += count;
			}
			return left;
		}

		/** The last {@code keep} bytes read, in order. */
		byte[] tail() {
			int length = (int) Math.min(this.ring.length, this.read);
			byte[] tail = new byte[length];
			long from = this.read - length;
			for (int i = 0; i < length; i++) {
				tail[i] = this.ring[(int) ((from + i) % this.ring.length)];
			}
			return tail;
		}

		@Override
		public void close() {
			// The stream goes on in the next window.
		}

	}

}
