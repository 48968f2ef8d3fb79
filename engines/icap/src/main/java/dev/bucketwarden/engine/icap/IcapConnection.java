package dev.bucketwarden.engine.icap;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.io.IoWatchdog;

/**
 * One TCP connection to the ICAP server, which serves one request. ICAP messages are
 * CRLF-terminated header lines (a bare LF is accepted) and raw chunk data. Every blocking
 * operation has a deadline (see {@link IoWatchdog}); a missed deadline surfaces as an
 * {@link EngineException} of kind timeout, a refused or broken connection as unavailable.
 */
final class IcapConnection implements AutoCloseable, IoWatchdog.Watched {

	/** Header lines are short; a longer one means the peer is not an ICAP server. */
	static final int MAX_LINE_BYTES = 16 * 1024;

	private final SocketChannel channel;

	private final String endpoint;

	private final long scanDeadline;

	private final ByteBuffer in = ByteBuffer.allocate(64 * 1024).flip();

	private volatile long ioDeadline = Long.MAX_VALUE;

	private volatile boolean timedOut;

	private IcapConnection(SocketChannel channel, String endpoint, long scanDeadline) {
		this.channel = channel;
		this.endpoint = endpoint;
		this.scanDeadline = scanDeadline;
	}

	/**
	 * Connects to the ICAP server.
	 * @param scanDeadline {@link System#nanoTime()} after which nothing on this
	 * connection may go on, whatever the per-operation timeouts say
	 */
	static IcapConnection open(IcapSettings settings, long scanDeadline) {
		SocketChannel channel;
		try {
			channel = SocketChannel.open();
			// Headers, the preview and the last chunk are small writes that the server
			// answers: Nagle's algorithm would hold each for a delayed ACK.
			channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
		}
		catch (IOException ex) {
			throw EngineException.unavailable("Cannot open a socket to the ICAP server: " + ex.getMessage(), ex);
		}
		IcapConnection connection = new IcapConnection(channel, settings.host() + ":" + settings.port(), scanDeadline);
		IoWatchdog.shared().watch(connection);
		try {
			connection.arm(settings.connectTimeout());
			channel.connect(new InetSocketAddress(settings.host(), settings.port()));
			connection.disarm();
			return connection;
		}
		catch (IOException ex) {
			connection.close();
			throw connection.failure("connecting to", ex);
		}
	}

	String endpoint() {
		return this.endpoint;
	}

	/** Writes all buffers (one gathering write where the system allows). */
	void write(Duration timeout, ByteBuffer... buffers) throws IOException {
		arm(timeout);
		long left = 0;
		for (ByteBuffer buffer : buffers) {
			left += buffer.remaining();
		}
		while (left > 0) {
			left -= this.channel.write(buffers);
		}
		disarm();
	}

	void write(String text, Duration timeout) throws IOException {
		write(timeout, ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)));
	}

	/**
	 * Reads one line without its end.
	 * @return the line, or {@code null} when the connection ended before a line began
	 */
	String readLine(Duration timeout) throws IOException {
		arm(timeout);
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
			disarm();
		}
	}

	/**
	 * Passes exactly {@code length} bytes to the sink.
	 * @return false when the connection ended first
	 */
	boolean read(long length, ByteSink sink, Duration timeout) throws IOException {
		arm(timeout);
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
			disarm();
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
		if (this.timedOut) {
			return EngineException
				.timeout("The ICAP server at " + this.endpoint + " did not answer in time while " + during + " it", ex);
		}
		return EngineException
			.unavailable("The ICAP server at " + this.endpoint + " failed while " + during + " it: " + ex, ex);
	}

	boolean timedOut() {
		return this.timedOut;
	}

	private void arm(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		this.ioDeadline = Math.min(deadline, this.scanDeadline);
	}

	private void disarm() {
		this.ioDeadline = Long.MAX_VALUE;
	}

	@Override
	public boolean expired(long now) {
		long deadline = this.ioDeadline;
		return deadline != Long.MAX_VALUE && now - deadline > 0;
	}

	@Override
	public void abortOnTimeout() {
		this.timedOut = true;
		close();
	}

	@Override
	public void close() {
		IoWatchdog.shared().unwatch(this);
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			// nothing left to do with a connection that cannot even close
		}
	}

	/** Where bytes read from the connection go. */
	@FunctionalInterface
	interface ByteSink {

		void accept(byte[] bytes, int offset, int length);

	}

}
