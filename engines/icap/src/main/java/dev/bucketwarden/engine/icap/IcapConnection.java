package dev.bucketwarden.engine.icap;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.io.DeadlineChannel;
import dev.bucketwarden.engine.spi.io.EngineConnection;
import dev.bucketwarden.engine.spi.io.LineReader;
import dev.bucketwarden.engine.spi.io.LineReader.ByteSink;

/**
 * One TCP connection to the ICAP server, which serves one request. ICAP messages are
 * CRLF-terminated header lines (a bare LF is accepted) and raw chunk data. Every blocking
 * operation has a deadline (see {@link DeadlineChannel}); a missed deadline surfaces as
 * an {@link EngineException} of kind timeout, a refused or broken connection as
 * unavailable.
 */
final class IcapConnection extends EngineConnection {

	/** Header lines are short; a longer one means the peer is not an ICAP server. */
	static final int MAX_LINE_BYTES = 16 * 1024;

	/** Room for a long header line and for the body chunks read after the headers. */
	private static final int BUFFER_BYTES = 64 * 1024;

	private final String endpoint;

	private final LineReader in;

	private IcapConnection(DeadlineChannel channel, String endpoint) {
		super(channel);
		this.endpoint = endpoint;
		this.in = new LineReader(channel, BUFFER_BYTES, MAX_LINE_BYTES);
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
		channel().write(timeout, buffers);
	}

	void write(String text, Duration timeout) throws IOException {
		write(timeout, ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)));
	}

	/**
	 * Reads one line without its end.
	 * @return the line, or {@code null} when the connection ended before a line began
	 */
	String readLine(Duration timeout) throws IOException {
		return this.in.readLine(timeout);
	}

	/**
	 * Passes exactly {@code length} bytes to the sink.
	 * @return false when the connection ended first
	 */
	boolean read(long length, ByteSink sink, Duration timeout) throws IOException {
		return this.in.read(length, sink, timeout);
	}

}
