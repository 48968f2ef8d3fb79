package dev.bucketwarden.engine.icap;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.io.DeadlineChannel;

/**
 * One TCP connection to the ICAP server, which serves one request. ICAP messages are
 * CRLF-terminated header lines (a bare LF is accepted) and raw chunk data. Every blocking
 * operation has a deadline (see {@link DeadlineChannel}); a missed deadline surfaces as
 * an {@link EngineException} of kind timeout, a refused or broken connection as
 * unavailable.
 */
final class IcapConnection implements AutoCloseable {

	/** Header lines are short; a longer one means the peer is not an ICAP server. */
	static final int MAX_LINE_BYTES = 16 * 1024;

	private final DeadlineChannel channel;

	private final String endpoint;

	private final ByteBuffer in = ByteBuffer.allocate(64 * 1024).flip();

	private IcapConnection(DeadlineChannel channel, String endpoint) {
		this.channel = channel;
		this.endpoint = endpoint;
	}

	/**
	 * Connects to the ICAP server.
	 * @param scanDeadline {@link System#nanoTime()} after which nothing on this
	 * connection may go on, whatever the per-operation timeouts say
	 */
	static IcapConnection open(IcapSettings settings, long scanDeadline) {
		String endpoint = settings.host() + ":" + settings.port();
		// Headers, the preview and the last chunk are small writes that the server
		// answers: Nagle's algorithm would hold each for a delayed ACK.
		return new IcapConnection(DeadlineChannel.connect(new InetSocketAddress(settings.host(), settings.port()), true,
				"The ICAP server at " + endpoint, settings.connectTimeout(), scanDeadline), endpoint);
	}

	String endpoint() {
		return this.endpoint;
	}

	/** Writes all buffers (one gathering write where the system allows). */
	void write(Duration timeout, ByteBuffer... buffers) throws IOException {
		this.channel.write(timeout, buffers);
	}

	void write(String text, Duration timeout) throws IOException {
		write(timeout, ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)));
	}

	/**
	 * Reads one line without its end.
	 * @return the line, or {@code null} when the connection ended before a line began
	 */
	String readLine(Duration timeout) throws IOException {
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
				if (this.in.remaining() >= MAX_LINE_BYTES) {
					throw EngineException.protocol("The ICAP server at " + this.endpoint + " sent a line longer than "
							+ MAX_LINE_BYTES + " bytes");
				}
				int offset = this.in.remaining();
				if (!fill()) {
					if (this.in.hasRemaining()) {
						throw EngineException.protocol("The ICAP server at " + this.endpoint
								+ " closed the connection in a line: '"
								+ IcapText.abbreviate(StandardCharsets.ISO_8859_1.decode(this.in).toString()) + "'");
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
	 * Passes exactly {@code length} bytes to the sink.
	 * @return false when the connection ended first
	 */
	boolean read(long length, ByteSink sink, Duration timeout) throws IOException {
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

	/** Turns an I/O failure into the engine exception it stands for. */
	EngineException failure(String during, IOException ex) {
		return this.channel.failure(during, ex);
	}

	boolean timedOut() {
		return this.channel.timedOut();
	}

	@Override
	public void close() {
		this.channel.close();
	}

	/** Where bytes read from the connection go. */
	@FunctionalInterface
	interface ByteSink {

		void accept(byte[] bytes, int offset, int length);

	}

}
