package dev.bucketwarden.engine.sophos;

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
import dev.bucketwarden.engine.spi.io.LineReader;

/**
 * One SSSP session with SAVDI. SSSP is line based (lines end with LF; a CR before it is
 * dropped) apart from the raw bytes of SCANDATA. Every blocking operation has a deadline
 * (see {@link DeadlineChannel}); a missed deadline surfaces as an {@link EngineException}
 * of kind timeout, a refused or broken connection as unavailable.
 */
final class SsspConnection extends EngineConnection {

	/** No SSSP line comes near this; longer means the peer is not SAVDI. */
	static final int MAX_LINE_BYTES = 8 * 1024;

	private final String endpoint;

	private final LineReader lines;

	private SsspConnection(DeadlineChannel channel, String endpoint) {
		super(channel);
		this.endpoint = endpoint;
		this.lines = new LineReader(channel, MAX_LINE_BYTES, MAX_LINE_BYTES);
	}

	/**
	 * Connects to SAVDI.
	 * @param scanDeadline {@link System#nanoTime()} after which nothing on this
	 * connection may go on, whatever the per-operation timeouts say
	 */
	static SsspConnection open(SophosSettings settings, long scanDeadline) {
		SocketAddress address = (settings.socket() != null) ? UnixDomainSocketAddress.of(settings.socket())
				: new InetSocketAddress(settings.host(), settings.port());
		// Requests are small lines answered at once: do not let Nagle hold them.
		return new SsspConnection(DeadlineChannel.connect(address, true, "SAVDI at " + settings.endpoint(),
				settings.connectTimeout(), scanDeadline), settings.endpoint());
	}

	String endpoint() {
		return this.endpoint;
	}

	/** Writes the whole buffer, or fails within {@code timeout}. */
	void write(ByteBuffer buffer, Duration timeout) throws IOException {
		channel().write(timeout, buffer);
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
		return this.lines.readLine(timeout);
	}

}
