package dev.bucketwarden.engine.spi.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.bucketwarden.engine.spi.EngineException;

/**
 * Buffered reads from a {@link DeadlineChannel} for line-based protocols (ICAP, SSSP):
 * lines end with LF, a CR before it is dropped, and bytes of a counted length (an ICAP
 * chunk) may follow from the same buffer. A line longer than the limit, or one cut off by
 * the end of the connection, means the peer is not speaking the protocol: a protocol
 * failure, reported without echoing control characters into the logs.
 */
public final class LineReader {

	/** How much of a cut-off line a message quotes. */
	private static final int QUOTED_CHARS = 200;

	private final DeadlineChannel channel;

	private final int maxLineBytes;

	private final ByteBuffer in;

	/**
	 * @param bufferBytes the read buffer's size, at least {@code maxLineBytes}
	 * @param maxLineBytes the longest line the protocol has, with a margin
	 */
	public LineReader(DeadlineChannel channel, int bufferBytes, int maxLineBytes) {
		if (bufferBytes < maxLineBytes) {
			throw new IllegalArgumentException(
					"The buffer (" + bufferBytes + " bytes) must hold a line of " + maxLineBytes + " bytes");
		}
		this.channel = channel;
		this.maxLineBytes = maxLineBytes;
		this.in = ByteBuffer.allocate(bufferBytes).flip();
	}

	/**
	 * Reads one line without its end, within {@code timeout}.
	 * @return the line, or {@code null} when the connection ended before a line began
	 * @throws EngineException (protocol) for a line cut off by the end of the connection
	 * or longer than the limit
	 */
	public String readLine(Duration timeout) throws IOException {
		this.channel.arm(timeout);
		try {
			int scanned = this.in.position();
			while (true) {
				for (int i = scanned; i < this.in.limit(); i++) {
					if (this.in.get(i) == '\n') {
						int end = (i > this.in.position() && this.in.get(i - 1) == '\r') ? i - 1 : i;
						byte[] line = new byte[end - this.in.position()];
						this.in.get(line);
						this.in.position(i + 1);
						return new String(line, StandardCharsets.ISO_8859_1);
					}
				}
				if (this.in.remaining() >= this.maxLineBytes) {
					throw EngineException
						.protocol(this.channel.peer() + " sent a line longer than " + this.maxLineBytes + " bytes");
				}
				int offset = this.in.remaining();
				if (!fill()) {
					if (this.in.hasRemaining()) {
						throw EngineException.protocol(this.channel.peer() + " closed the connection in a line: '"
								+ quote(StandardCharsets.ISO_8859_1.decode(this.in).toString()) + "'");
					}
					return null;
				}
				scanned = this.in.position() + offset;
			}
		}
		finally {
			this.channel.disarm();
		}
	}

	/**
	 * Passes exactly {@code length} bytes to the sink, within {@code timeout}.
	 * @return false when the connection ended first
	 */
	public boolean read(long length, ByteSink sink, Duration timeout) throws IOException {
		this.channel.arm(timeout);
		try {
			long left = length;
			while (left > 0) {
				if (!this.in.hasRemaining() && !fill()) {
					return false;
				}
				int n = (int) Math.min(left, this.in.remaining());
				sink.accept(this.in.array(), this.in.arrayOffset() + this.in.position(), n);
				this.in.position(this.in.position() + n);
				left -= n;
			}
			return true;
		}
		finally {
			this.channel.disarm();
		}
	}

	/** Reads more into the buffer, keeping what is unread; false at the end of input. */
	private boolean fill() throws IOException {
		this.in.compact();
		try {
			return this.channel.read(this.in) != -1;
		}
		finally {
			this.in.flip();
		}
	}

	/** Control characters (but tabs) as {@code ?}, and at most {@value #QUOTED_CHARS}. */
	static String quote(String text) {
		String printable = text.replaceAll("[\\p{Cntrl}&&[^\\t]]", "?");
		return (printable.length() <= QUOTED_CHARS) ? printable : printable.substring(0, QUOTED_CHARS) + "...";
	}

	/** Where bytes read from the connection go. */
	@FunctionalInterface
	public interface ByteSink {

		void accept(byte[] bytes, int offset, int length);

	}

}
