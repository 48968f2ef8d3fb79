package dev.bucketwarden.engine.clamav;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.io.IoWatchdog;

/**
 * One connection to clamd, which serves one command. Every blocking operation has a
 * deadline (see {@link IoWatchdog}); a missed deadline surfaces as an
 * {@link EngineException} of kind timeout, a refused or broken connection as unavailable.
 */
final class ClamdConnection implements AutoCloseable, IoWatchdog.Watched {

	/** Longer replies are not clamd's: the longest real ones are STATS pages. */
	private static final int MAX_REPLY_BYTES = 64 * 1024;

	private final SocketChannel channel;

	private final String endpoint;

	private final long scanDeadline;

	private volatile long ioDeadline = Long.MAX_VALUE;

	private volatile boolean timedOut;

	private ClamdConnection(SocketChannel channel, String endpoint, long scanDeadline) {
		this.channel = channel;
		this.endpoint = endpoint;
		this.scanDeadline = scanDeadline;
	}

	/**
	 * Connects to clamd.
	 * @param scanDeadline {@link System#nanoTime()} after which nothing on this
	 * connection may go on, whatever the per-operation timeouts say
	 */
	static ClamdConnection open(ClamavSettings settings, long scanDeadline) {
		SocketAddress address = (settings.socket() != null) ? UnixDomainSocketAddress.of(settings.socket())
				: new InetSocketAddress(settings.host(), settings.port());
		SocketChannel channel;
		try {
			channel = SocketChannel
				.open((settings.socket() != null) ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET);
		}
		catch (IOException ex) {
			throw EngineException.unavailable("Cannot open a socket to clamd: " + ex.getMessage(), ex);
		}
		ClamdConnection connection = new ClamdConnection(channel, settings.endpoint(), scanDeadline);
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

	/** Writes the whole buffer, or fails within {@code timeout}. */
	void write(ByteBuffer buffer, Duration timeout) throws IOException {
		arm(timeout);
		while (buffer.hasRemaining()) {
			this.channel.write(buffer);
		}
		disarm();
	}

	void writeCommand(String command, Duration timeout) throws IOException {
		write(ByteBuffer.wrap(("z" + command + "\0").getBytes(StandardCharsets.US_ASCII)), timeout);
	}

	/** Reads one null-terminated reply (the {@code z} form of every command is used). */
	String readReply(Duration timeout) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(4096);
		StringBuilder reply = new StringBuilder();
		arm(timeout);
		int total = 0;
		while (true) {
			buffer.clear();
			int n = this.channel.read(buffer);
			if (n == -1) {
				break;
			}
			total += n;
			if (total > MAX_REPLY_BYTES) {
				throw EngineException
					.protocol("clamd at " + this.endpoint + " sent a reply longer than " + MAX_REPLY_BYTES + " bytes");
			}
			buffer.flip();
			String part = StandardCharsets.US_ASCII.decode(buffer).toString();
			int end = part.indexOf('\0');
			if (end >= 0) {
				reply.append(part, 0, end);
				disarm();
				return reply.toString();
			}
			reply.append(part);
		}
		disarm();
		if (reply.isEmpty()) {
			throw EngineException.unavailable("clamd at " + this.endpoint + " closed the connection without a reply",
					null);
		}
		// clamd ends every z-command reply with NUL; an unterminated one was cut off.
		throw EngineException.protocol("clamd at " + this.endpoint + " sent an unterminated reply: " + reply);
	}

	/** Turns an I/O failure into the engine exception it stands for. */
	EngineException failure(String during, IOException ex) {
		if (this.timedOut) {
			return EngineException
				.timeout("clamd at " + this.endpoint + " did not answer in time while " + during + " it", ex);
		}
		return EngineException.unavailable("clamd at " + this.endpoint + " failed while " + during + " it: " + ex, ex);
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
