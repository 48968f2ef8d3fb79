package dev.bucketwarden.engine.spi.io;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.engine.spi.ErrorKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * {@link EngineConnection}: a protocol connection maps failures through its channel and
 * closes it.
 */
class EngineConnectionTests {

	@Test
	void shouldMapAFailureOfItsChannelAndCloseIt() throws IOException {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			DeadlineChannel channel = DeadlineChannel.connect(
					new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), false, "test peer",
					Duration.ofSeconds(5), Deadlines.after(Duration.ofMinutes(1)));
			try (Socket accepted = server.accept(); TestConnection connection = new TestConnection(channel)) {
				assertThat(connection.timedOut()).isFalse();
				assertThat(connection.failure("reading from", new IOException("reset")).kind())
					.isEqualTo(ErrorKind.UNAVAILABLE);
				connection.close();
				assertThatIOException().isThrownBy(() -> channel.read(ByteBuffer.allocate(1)));
			}
		}
	}

	/** The smallest protocol: none. */
	private static final class TestConnection extends EngineConnection {

		TestConnection(DeadlineChannel channel) {
			super(channel);
		}

	}

}
