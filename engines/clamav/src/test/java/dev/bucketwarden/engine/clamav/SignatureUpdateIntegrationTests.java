package dev.bucketwarden.engine.clamav;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bucketwarden.engine.spi.EngineInfo;
import dev.bucketwarden.engine.spi.ObjectRef;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.local.clamd.ClamdOptions;
import dev.bucketwarden.local.clamd.ClamdServer;
import dev.bucketwarden.local.samples.Samples;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signature update path, locally: a new database is swapped into a running clamd and
 * reloaded (as freshclam and clamd do in production); the engine reports the new version
 * and date, and scans in flight during the reload finish with a real verdict.
 */
class SignatureUpdateIntegrationTests {

	private static final long SIZE = 24L << 20;

	@TempDir
	Path workDir;

	@Test
	void shouldReportTheNewVersionAfterASwapWhileScansInFlightSucceed() throws Exception {
		try (ClamdServer clamd = ClamdServer.start(ClamdOptions.in(this.workDir.resolve("clamd")));
				ExecutorService scans = Executors.newFixedThreadPool(3)) {
			ClamavEngine engine = new ClamavEngine("clamav",
					ClamavSettings.DEFAULTS.withTcp(clamd.host(), clamd.port()).withMaxConcurrency(3));
			EngineInfo before = engine.probe();
			assertThat(before.signatureVersion()).isEqualTo("1");
			assertThat(before.signatureDate()).isNotNull();

			CountDownLatch started = new CountDownLatch(3);
			CountDownLatch updated = new CountDownLatch(1);
			List<Future<Verdict>> inFlight = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				InputStream content = new PausingStream(Samples.randomWithMarkerAtEnd(SIZE, 100 + i), started, updated);
				inFlight.add(scans
					.submit(() -> engine.scan(content, ScanContext.of(new ObjectRef.Upload("in-flight"), SIZE))));
			}
			assertThat(started.await(60, TimeUnit.SECONDS)).as("all scans started").isTrue();

			String version = clamd.updateSignatures(2);
			updated.countDown();

			assertThat(version).contains("/2/");
			for (Future<Verdict> scan : inFlight) {
				// The marker sits at the very end: Infected proves the whole stream was
				// scanned, across the reload.
				assertThat(scan.get(120, TimeUnit.SECONDS)).isInstanceOfSatisfying(Verdict.Infected.class,
						(infected) -> assertThat(infected.signatures()).singleElement()
							.asString()
							.startsWith("BucketWarden.Test.Marker"));
			}
			EngineInfo after = engine.probe();
			assertThat(after.signatureVersion()).isEqualTo("2");
			assertThat(after.signatureDate()).isAfterOrEqualTo(before.signatureDate());
			assertThat(engine.info().signatureVersion()).isEqualTo("2");
		}
	}

	/**
	 * Content that, once half sent, holds the rest back until the update is done: the
	 * scans are certainly in flight across the reload.
	 */
	private static final class PausingStream extends FilterInputStream {

		private final CountDownLatch started;

		private final CountDownLatch updated;

		private long read;

		private boolean paused;

		PausingStream(InputStream in, CountDownLatch started, CountDownLatch updated) {
			super(in);
			this.started = started;
			this.updated = updated;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (!this.paused && this.read > SIZE / 2) {
				this.paused = true;
				this.started.countDown();
				try {
					this.updated.await(60, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IOException(ex);
				}
			}
			int n = super.read(buffer, offset, length);
			if (n > 0) {
				this.read += n;
			}
			return n;
		}

	}

}
