package dev.bucketwarden.engine.clamav;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.io.DeadlineChannel;
import dev.bucketwarden.engine.spi.io.EngineConnection;

/**
 * One connection to clamd, which serves one command. Every blocking operation has a
 * deadline (see {@link DeadlineChannel}); a missed deadline surfaces as an
 * {@link EngineException} of kind timeout, a refused or broken connection as unavailable.
 */
final class ClamdConnection extends EngineConnection {

	/** Longer replies are not clamd's: the longest real ones are STATS pages. */
	private static final int MAX_REPLY_BYTES = 64 * 1024;

	private ClamdConnection(DeadlineChannel channel) {
		super(channel);
	}

	/**
	 * Connects to clamd.
	 * @param scanDeadline {@link System#nanoTime()} after which nothing on this
	 * connection may go on, whatever the per-operation timeouts say
	 */
	static ClamdConnection open(ClamavSettings settings, long scanDeadline) {
		SocketAddress address = (settings.socket() != null) ? UnixDomainSocketAddress.of(settings.socket())
				: new InetSocketAddress(settings.host(), settings.port());
		return new ClamdConnection(DeadlineChannel.connect(address, false, "clamd at " + settings.endpoint(),
				settings.connectTimeout(), scanDeadline));
	}

	/** Writes the whole buffer, or fails within {@code timeout}. */
	void write(ByteBuffer buffer, Duration timeout) throws IOException {
		channel().write(timeout, buffer);
	}

	void writeCommand(String command, Duration timeout) throws IOException {
		write(ByteBuffer.wrap(("z" + command + "\0").getBytes(StandardCharsets.US_ASCII)), timeout);
	}

	/** Reads one null-terminated reply (the {@code z} form of every command is used). */
	String readReply(Duration timeout) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(4096);
		StringBuilder reply = new StringBuilder();
		channel().arm(timeout);
		int total = 0;
		while (true) {
			buffer.clear();
			int n = channel().read(buffer);
			if (n == -1) {
				break;
			}
			total += n;
			if (total > MAX_REPLY_BYTES) {
				throw EngineException
					.protocol(channel().peer() + " sent a reply longer than " + MAX_REPLY_BYTES + " bytes");
			}
			buffer.flip();
			String part = StandardCharsets.US_ASCII.decode(buffer).toString();
			int end = part.indexOf('\0');
			if (end >= 0) {
				reply.append(part, 0, end);
				channel().disarm();
				return reply.toString();
			}
			reply.append(part);
		}
		channel().disarm();
		if (reply.isEmpty()) {
			throw EngineException.unavailable(channel().peer() + " closed the connection without a reply", null);
		}
		// clamd ends every z-command reply with NUL; an unterminated one was cut off.
		throw EngineException.protocol(channel().peer() + " sent an unterminated reply: " + reply);
	}

}
