package dev.bucketwarden.engine.spi.io;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.ErrorKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link DeadlineChannel} against plain server sockets on 127.0.0.1: a peer that never
 * answers ends in a timeout, a closed port in unavailable, and the scan's deadline caps a
 * longer per-operation timeout.
 */
class DeadlineChannelTests {

	private static final long NO_SCAN_DEADLINE = System.nanoTime() + Duration.ofHours(1).toNanos();

	@Test
	void shouldTimeOutAReadThatTheServerNeverAnswers() throws IOException {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				DeadlineChannel channel = DeadlineChannel.connect(address(server), true, "test peer",
						Duration.ofSeconds(5), NO_SCAN_DEADLINE);
				Socket accepted = server.accept()) {
			long start = System.nanoTime();
			channel.arm(Duration.ofMillis(200));
			IOException failure = readFailure(channel);
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			assertThat(channel.timedOut()).isTrue();
			EngineException mapped = channel.failure("reading from", failure);
			assertThat(mapped.kind()).isEqualTo(ErrorKind.TIMEOUT);
			assertThat(mapped).hasMessage("test peer did not answer in time while reading from it");
			assertThat(took).isBetween(Duration.ofMillis(150), Duration.ofSeconds(10));
		}
	}

	@Test
	void shouldLetTheScanDeadlineCapALongerOperationTimeout() throws IOException {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				DeadlineChannel channel = DeadlineChannel.connect(address(server), false, "test peer",
						Duration.ofSeconds(5), System.nanoTime() + Duration.ofMillis(300).toNanos());
				Socket accepted = server.accept()) {
			long start = System.nanoTime();
			channel.arm(Duration.ofMinutes(10));
			readFailure(channel);
			assertThat(channel.timedOut()).isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
		}
	}

	@Test
	void shouldWriteEveryBufferAndReadTheAnswerWithoutTimingOut() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				DeadlineChannel channel = DeadlineChannel.connect(address(server), true, "test peer",
						Duration.ofSeconds(5), NO_SCAN_DEADLINE);
				Socket accepted = server.accept()) {
			channel.write(Duration.ofSeconds(5), ByteBuffer.wrap("ab".getBytes(StandardCharsets.US_ASCII)),
					ByteBuffer.wrap("cd".getBytes(StandardCharsets.US_ASCII)));
			InputStream in = accepted.getInputStream();
			assertThat(new String(in.readNBytes(4), StandardCharsets.US_ASCII)).isEqualTo("abcd");
			accepted.getOutputStream().write('x');
			channel.arm(Duration.ofSeconds(5));
			ByteBuffer buffer = ByteBuffer.allocate(8);
			assertThat(channel.read(buffer)).isEqualTo(1);
			channel.disarm();
			Thread.sleep(100);
			assertThat(channel.timedOut()).isFalse();
		}
	}

	@Test
	void shouldReportAClosedPortAsUnavailable() throws IOException {
		InetSocketAddress closed;
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = address(server);
		}
		assertThatExceptionOfType(EngineException.class)
			.isThrownBy(
					() -> DeadlineChannel.connect(closed, true, "test peer", Duration.ofSeconds(5), NO_SCAN_DEADLINE))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.UNAVAILABLE))
			.withMessageStartingWith("test peer failed while connecting to it");
	}

	private static IOException readFailure(DeadlineChannel channel) {
		try {
			int n = channel.read(ByteBuffer.allocate(8));
			throw new AssertionError("The read ended without a failure: " + n);
		}
		catch (IOException ex) {
			return ex;
		}
	}

	private static InetSocketAddress address(ServerSocket server) {
		return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
	}

}
