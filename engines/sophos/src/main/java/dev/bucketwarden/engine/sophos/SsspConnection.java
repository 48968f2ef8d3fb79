package dev.bucketwarden.engine.sophos;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.io.IoWatchdog;

/**
 * One SSSP session with SAVDI. SSSP is line based (lines end with LF; a CR before it is
 * dropped) apart from the raw bytes of SCANDATA. Every blocking operation has a deadline
 * (see {@link IoWatchdog}); a missed deadline surfaces as an {@link EngineException} of
 * kind timeout, a refused or broken connection as unavailable.
 */
final class SsspConnection implements AutoCloseable, IoWatchdog.Watched {

	/** No SSSP line comes near this; longer means the peer is not SAVDI. */
	static final int MAX_LINE_BYTES = 8 * 1024;

	private final SocketChannel channel;

	private final String endpoint;

	private final long scanDeadline;

	private final ByteBuffer in = ByteBuffer.allocate(MAX_LINE_BYTES).flip();

	private volatile long ioDeadline = Long.MAX_VALUE;

	private volatile boolean timedOut;

	private SsspConnection(SocketChannel channel, String endpoint, long scanDeadline) {
		this.channel = channel;
		this.endpoint = endpoint;
		this.scanDeadline = scanDeadline;
	}

	/**
	 * Connects to SAVDI.
	 * @param scanDeadline {@link System#nanoTime()} after which nothing on this
	 * connection may go on, whatever the per-operation timeouts say
	 */
	static SsspConnection open(SophosSettings settings, long scanDeadline) {
		boolean unix = settings.socket() != null;
		SocketAddress address = unix ? UnixDomainSocketAddress.of(settings.socket())
				: new InetSocketAddress(settings.host(), settings.port());
		SocketChannel channel;
		try {
			channel = SocketChannel.open(unix ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET);
			if (!unix) {
				// Requests are small lines answered at once: do not let Nagle hold them.
				channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
			}
		}
		catch (IOException ex) {
			throw EngineException.unavailable("Cannot open a socket to SAVDI: " + ex.getMessage(), ex);
		}
		SsspConnection connection = new SsspConnection(channel, settings.endpoint(), scanDeadline);
		IoWatchdog.shared().watch(connection);
		try {
			connection.arm(settings.connectTimeout());
			channel.connect(address);
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

	/** Writes the whole buffer, or fails within {@code timeout}. */
	void write(ByteBuffer buffer, Duration timeout) throws IOException {
		arm(timeout);
		while (buffer.hasRemaining()) {
			this.channel.write(buffer);
		}
		disarm();
	}

	/** Writes lines, each ended with LF, in one write. */
	void writeLines(Duration timeout, String... lines) throws IOException {
		StringBuilder text = new StringBuilder();
		for (String line : lines) {
			text.append(line).append('\n');
		}
		write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.US_ASCII)), timeout);
	}

	/**
	 * Reads one line without its end.
	 * @return the line, or {@code null} when the connection ended before a line began
	 * @throws EngineException (protocol) for a line cut off by the end of the connection
	 * or longer than {@link #MAX_LINE_BYTES}
	 */
	String readLine(Duration timeout) throws IOException {
		arm(timeout);
		try {
			while (true) {
				for (int i = this.in.position(); i < this.in.limit(); i++) {
					if (this.in.get(i) == '\n') {
						int end = (i > this.in.position() && this.in.get(i - 1) == '\r') ? i - 1 : i;
						byte[] line = new byte[end - this.in.position()];
						this.in.get(line);
						this.in.position(i + 1);
						return new String(line, StandardCharsets.ISO_8859_1);
					}
				}
				if (this.in.remaining() == this.in.capacity()) {
					throw EngineException.protocol(
							"SAVDI at " + this.endpoint + " sent a line longer than " + MAX_LINE_BYTES + " bytes");
				}
				this.in.compact();
				int n = this.channel.read(this.in);
				this.in.flip();
				if (n == -1) {
					if (this.in.hasRemaining()) {
						throw EngineException
							.protocol("SAVDI at " + this.endpoint + " closed the connection in a line: '"
									+ StandardCharsets.ISO_8859_1.decode(this.in) + "'");
					}
					return null;
				}
			}
		}
		finally {
			disarm();
		}
	}

	/** Turns an I/O failure into the engine exception it stands for. */
	EngineException failure(String during, IOException ex) {
		if (this.timedOut) {
			return EngineException
				.timeout("SAVDI at " + this.endpoint + " did not answer in time while " + during + " it", ex);
		}
		return EngineException.unavailable("SAVDI at " + this.endpoint + " failed while " + during + " it: " + ex, ex);
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

}
