package dev.bucketwarden.engine.spi.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.ErrorKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link LineReader} against a plain server socket on 127.0.0.1: LF and CRLF lines, a
 * counted run of bytes after them, the end of the connection, and the two ways a peer
 * shows it does not speak the protocol (an endless line, a line cut off).
 */
class LineReaderTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@Test
	void shouldReadLinesThenCountedBytesThenTheEnd() throws IOException {
		try (Peer peer = new Peer()) {
			peer.send("ICAP/1.0 200 OK\r\nISTag: \"x\"\n\r\nabcdef");
			peer.closeOutput();
			LineReader reader = new LineReader(peer.channel, 64, 32);
			assertThat(reader.readLine(TIMEOUT)).isEqualTo("ICAP/1.0 200 OK");
			assertThat(reader.readLine(TIMEOUT)).isEqualTo("ISTag: \"x\"");
			assertThat(reader.readLine(TIMEOUT)).isEmpty();
			ByteArrayOutputStream sink = new ByteArrayOutputStream();
			assertThat(reader.read(4, sink::write, TIMEOUT)).isTrue();
			assertThat(sink.toString(StandardCharsets.US_ASCII)).isEqualTo("abcd");
			assertThat(reader.read(4, sink::write, TIMEOUT)).isFalse();
			assertThat(reader.readLine(TIMEOUT)).isNull();
		}
	}

	@Test
	void shouldReadLinesLongerThanOneFillOfTheBuffer() throws IOException {
		try (Peer peer = new Peer()) {
			String line = "x".repeat(30);
			peer.send(line + "\n" + line + "\n");
			LineReader reader = new LineReader(peer.channel, 32, 32);
			assertThat(reader.readLine(TIMEOUT)).isEqualTo(line);
			assertThat(reader.readLine(TIMEOUT)).isEqualTo(line);
		}
	}

	@Test
	void shouldRefuseALineLongerThanTheLimit() throws IOException {
		try (Peer peer = new Peer()) {
			peer.send("y".repeat(40));
			LineReader reader = new LineReader(peer.channel, 64, 16);
			assertThatExceptionOfType(EngineException.class).isThrownBy(() -> reader.readLine(TIMEOUT))
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.PROTOCOL))
				.withMessage("test peer sent a line longer than 16 bytes");
		}
	}

	@Test
	void shouldReportALineCutOffByTheEndOfTheConnectionWithoutItsControlCharacters() throws IOException {
		try (Peer peer = new Peer()) {
			peer.send("half\u0007a line");
			peer.closeOutput();
			LineReader reader = new LineReader(peer.channel, 64, 32);
			assertThatExceptionOfType(EngineException.class).isThrownBy(() -> reader.readLine(TIMEOUT))
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.PROTOCOL))
				.withMessage("test peer closed the connection in a line: 'half?a line'");
		}
	}

	@Test
	void shouldQuoteAtMostTwoHundredCharacters() {
		assertThat(LineReader.quote("z".repeat(300))).isEqualTo("z".repeat(200) + "...");
	}

	@Test
	void shouldRefuseABufferSmallerThanALine() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new LineReader(null, 8, 16));
	}

	/** A server socket with one accepted connection, and our channel to it. */
	private static final class Peer implements AutoCloseable {

		private final ServerSocket server;

		private final DeadlineChannel channel;

		private final Socket accepted;

		Peer() throws IOException {
			this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
			this.channel = DeadlineChannel.connect(
					new InetSocketAddress(InetAddress.getLoopbackAddress(), this.server.getLocalPort()), true,
					"test peer", TIMEOUT, Deadlines.after(Duration.ofMinutes(1)));
			this.accepted = this.server.accept();
		}

		void send(String text) throws IOException {
			OutputStream out = this.accepted.getOutputStream();
			out.write(text.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
		}

		void closeOutput() throws IOException {
			this.accepted.shutdownOutput();
		}

		@Override
		public void close() throws IOException {
			this.channel.close();
			this.accepted.close();
			this.server.close();
		}

	}

}
