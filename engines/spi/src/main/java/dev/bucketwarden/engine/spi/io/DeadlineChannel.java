package dev.bucketwarden.engine.spi.io;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;

import dev.bucketwarden.engine.spi.EngineException;

/**
 * A connection to an engine daemon (clamd, an ICAP server, SAVDI) on which every blocking
 * operation has a deadline, enforced by the {@link IoWatchdog}: the engines' protocol
 * classes arm it before an operation and disarm it after, and map an I/O failure with
 * {@link #failure(String, IOException)}, which tells a missed deadline (timeout) from a
 * refused or broken connection (unavailable). A scan-wide deadline caps every
 * per-operation one, so a slow trickle of bytes cannot stretch a scan past its limit.
 */
public final class DeadlineChannel implements AutoCloseable, IoWatchdog.Watched {

	private final SocketChannel channel;

	private final String peer;

	private final long scanDeadline;

	private volatile long ioDeadline = Long.MAX_VALUE;

	private volatile boolean timedOut;

	private DeadlineChannel(SocketChannel channel, String peer, long scanDeadline) {
		this.channel = channel;
		this.peer = peer;
		this.scanDeadline = scanDeadline;
	}

	/**
	 * Connects within {@code connectTimeout}.
	 * @param address a TCP or a unix-domain socket address
	 * @param noDelay whether to turn Nagle's algorithm off (TCP only): for protocols
	 * whose small requests the peer answers at once
	 * @param peer how messages name the peer, e.g. {@code clamd at 127.0.0.1:3310}
	 * @param scanDeadline {@link System#nanoTime()} after which nothing on this
	 * connection may go on, whatever the per-operation timeouts say
	 * @throws EngineException unavailable or timeout when it cannot connect
	 */
	public static DeadlineChannel connect(SocketAddress address, boolean noDelay, String peer, Duration connectTimeout,
			long scanDeadline) {
		boolean unix = address instanceof UnixDomainSocketAddress;
		SocketChannel channel;
		try {
			channel = SocketChannel.open(unix ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET);
			if (noDelay && !unix) {
				channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
			}
		}
		catch (IOException ex) {
			throw EngineException.unavailable("Cannot open a socket to " + peer + ": " + ex.getMessage(), ex);
		}
		DeadlineChannel connection = new DeadlineChannel(channel, peer, scanDeadline);
		IoWatchdog.shared().watch(connection);
		try {
			connection.arm(connectTimeout);
			channel.connect(address);
			connection.disarm();
			return connection;
		}
		catch (IOException ex) {
			connection.close();
			throw connection.failure("connecting to", ex);
		}
	}

	/** How messages name the peer. */
	public String peer() {
		return this.peer;
	}

	/**
	 * Starts the deadline of the next operation: {@code timeout} from now, or the scan's
	 * deadline if that comes first.
	 */
	public void arm(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		this.ioDeadline = Math.min(deadline, this.scanDeadline);
	}

	/** Ends the current operation's deadline. */
	public void disarm() {
		this.ioDeadline = Long.MAX_VALUE;
	}

	/**
	 * Writes all buffers (one gathering write where the system allows), within
	 * {@code timeout}.
	 */
	public void write(Duration timeout, ByteBuffer... buffers) throws IOException {
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

	/**
	 * Reads what is there into {@code buffer}, blocking until something is; the caller
	 * has armed the deadline.
	 * @return the bytes read, or -1 at the end of input
	 */
	public int read(ByteBuffer buffer) throws IOException {
		return this.channel.read(buffer);
	}

	/** Turns an I/O failure into the engine exception it stands for. */
	public EngineException failure(String during, IOException ex) {
		if (this.timedOut) {
			return EngineException.timeout(this.peer + " did not answer in time while " + during + " it", ex);
		}
		return EngineException.unavailable(this.peer + " failed while " + during + " it: " + ex, ex);
	}

	/** Whether the watchdog aborted an operation that ran past its deadline. */
	public boolean timedOut() {
		return this.timedOut;
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
