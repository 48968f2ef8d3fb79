package dev.bucketwarden.engine.clamav;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.chain.ScanReport;
import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.ObjectRef;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.UnscannableReason;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.local.clamd.ClamdOptions;
import dev.bucketwarden.local.clamd.ClamdServer;
import dev.bucketwarden.local.samples.Samples;
import dev.bucketwarden.local.support.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What happens when clamd is down, dies, hangs, answers garbage or hits its own limits:
 * never a clean verdict. These tests start their own clamd so they can break it.
 */
class ClamavFailureIntegrationTests {

	@TempDir
	Path workDir;

	@Test
	void shouldReportAnUnreachableClamdAsUnavailable() {
		ClamavEngine engine = new ClamavEngine("clamav",
				ClamavSettings.DEFAULTS.withTcp("127.0.0.1", FreePorts.next()).withMaxConcurrency(2));

		assertThatThrownBy(() -> scan(engine, Samples.random(1000, 1))).isInstanceOfSatisfying(EngineException.class,
				(ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
		ScanReport report = EngineChain.builder()
			.engine(engine)
			.build()
			.scan(new ByteArrayInputStream(Samples.eicar()), ScanContext.of(new ObjectRef.Upload("x"), 68));
		assertThat(report.verdict()).isInstanceOfSatisfying(Verdict.Error.class,
				(error) -> assertThat(error.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
	}

	@Test
	void shouldReportAnUnreachableClamdAsUnavailableWhenAskingItsThreads() {
		ClamavEngine engine = new ClamavEngine("clamav",
				ClamavSettings.DEFAULTS.withTcp("127.0.0.1", FreePorts.next()));

		assertThatThrownBy(() -> scan(engine, Samples.random(1000, 1))).isInstanceOfSatisfying(EngineException.class,
				(ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
	}

	@Test
	void shouldReportClamdStoppedMidScanAsAnError() {
		try (ClamdServer clamd = ClamdServer.start(ClamdOptions.in(this.workDir.resolve("clamd")))) {
			ClamavEngine engine = new ClamavEngine("clamav",
					ClamavSettings.DEFAULTS.withTcp(clamd.host(), clamd.port()).withMaxConcurrency(2));
			// An endless upload: clamd is killed once 4 MiB have gone out.
			InputStream endless = new KillingStream(4 << 20, (ignored) -> clamd.kill());

			ScanReport report = EngineChain.builder()
				.engine(engine)
				.build()
				.scan(endless, ScanContext.of(new ObjectRef.Upload("endless"), ScanContext.UNKNOWN_SIZE));

			assertThat(clamd.isRunning()).isFalse();
			assertThat(report.verdict()).isInstanceOfSatisfying(Verdict.Error.class,
					(error) -> assertThat(error.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
		}
	}

	@Test
	void shouldTimeOutOnAClamdThatNeverAnswers() throws IOException {
		try (SilentServer server = new SilentServer(null)) {
			ClamavEngine engine = new ClamavEngine("clamav",
					ClamavSettings.DEFAULTS.withTcp("127.0.0.1", server.port())
						.withReadTimeout(Duration.ofMillis(300))
						.withMaxConcurrency(1));
			long start = System.nanoTime();

			assertThatThrownBy(() -> scan(engine, Samples.random(10_000, 2))).isInstanceOfSatisfying(
					EngineException.class, (ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.TIMEOUT));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
			// The permit came back: the next scan is not refused as busy but times out
			// again.
			assertThatThrownBy(() -> scan(engine, Samples.random(10, 2))).isInstanceOfSatisfying(EngineException.class,
					(ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.TIMEOUT));
		}
	}

	@Test
	void shouldReportGarbageRepliesAsProtocolErrors() throws IOException {
		try (SilentServer server = new SilentServer("HTTP/1.1 400 Bad Request\r\n\r\n\0")) {
			ClamavEngine engine = new ClamavEngine("clamav",
					ClamavSettings.DEFAULTS.withTcp("127.0.0.1", server.port()).withMaxConcurrency(1));

			assertThatThrownBy(() -> scan(engine, Samples.random(10, 3))).isInstanceOfSatisfying(EngineException.class,
					(ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.PROTOCOL));
		}
	}

	@Test
	void shouldMapClamdsOwnLimitsToUnscannable() {
		ClamdOptions limited = ClamdOptions.in(this.workDir.resolve("limited"))
			.withStreamMaxLength("2M")
			.withMaxFileSize("1M");
		try (ClamdServer clamd = ClamdServer.start(limited)) {
			// Our engine is configured with a larger limit than clamd's, so clamd must
			// refuse.
			ClamavEngine engine = new ClamavEngine("clamav",
					ClamavSettings.DEFAULTS.withTcp(clamd.host(), clamd.port()).withStreamMaxLength(64 << 20));

			assertThat(scan(engine, Samples.random(3 << 20, 4))).isInstanceOfSatisfying(Verdict.Unscannable.class,
					(verdict) -> assertThat(verdict.reason()).isEqualTo(UnscannableReason.TOO_LARGE));
			assertThat(scan(engine, Samples.random(1536 << 10, 5))).isInstanceOfSatisfying(Verdict.Unscannable.class,
					(verdict) -> {
						assertThat(verdict.reason()).isEqualTo(UnscannableReason.LIMITS_EXCEEDED);
						assertThat(verdict.detail()).startsWith("Heuristics.Limits.Exceeded");
					});
			// And clamd is still fine for the next scan.
			assertThat(scan(engine, Samples.eicar())).isInstanceOf(Verdict.Infected.class);
		}
	}

	private static Verdict scan(ClamavEngine engine, byte[] content) {
		return engine.scan(new ByteArrayInputStream(content),
				ScanContext.of(new ObjectRef.Upload("sample"), content.length));
	}

	/** Random bytes without end; runs an action once after a number of bytes. */
	private static final class KillingStream extends InputStream {

		private final long trigger;

		private final Consumer<Long> action;

		private final AtomicBoolean fired = new AtomicBoolean();

		private final byte[] block = Samples.random(64 * 1024, 9);

		private long served;

		KillingStream(long trigger, Consumer<Long> action) {
			this.trigger = trigger;
			this.action = action;
		}

		@Override
		public int read() {
			throw new UnsupportedOperationException();
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (this.served > 64L << 20) {
				throw new IOException("test stream ran too long: the engine did not notice clamd died");
			}
			if (this.served >= this.trigger && this.fired.compareAndSet(false, true)) {
				this.action.accept(this.served);
			}
			int n = Math.min(length, this.block.length);
			System.arraycopy(this.block, 0, buffer, offset, n);
			this.served += n;
			return n;
		}

	}

	/**
	 * Accepts one connection at a time, reads everything, and answers only what it is
	 * given.
	 */
	private static final class SilentServer implements AutoCloseable {

		private final ServerSocket socket;

		private final Thread thread;

		SilentServer(String reply) throws IOException {
			this.socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
			this.thread = Thread.ofVirtual().start(() -> serve(reply));
		}

		int port() {
			return this.socket.getLocalPort();
		}

		private void serve(String reply) {
			while (!this.socket.isClosed()) {
				try (Socket client = this.socket.accept()) {
					if (reply != null) {
						OutputStream out = client.getOutputStream();
						out.write(reply.getBytes(StandardCharsets.US_ASCII));
						out.flush();
					}
					client.getInputStream().transferTo(OutputStream.nullOutputStream());
				}
				catch (IOException ex) {
					// closed by the client or by close()
				}
			}
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
			try {
				this.thread.join(Duration.ofSeconds(5));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
