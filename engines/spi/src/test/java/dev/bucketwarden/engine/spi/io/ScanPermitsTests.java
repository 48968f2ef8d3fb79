package dev.bucketwarden.engine.spi.io;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.ObjectRef;
import dev.bucketwarden.engine.spi.ScanContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ScanPermits}: a free slot is taken at once, a busy pool makes the caller wait
 * only until its deadline and then fail with a timeout naming the object, and a released
 * slot serves the next caller.
 */
class ScanPermitsTests {

	private static final ScanContext CONTEXT = ScanContext.of(new ObjectRef.Upload("a.txt"), 1);

	@Test
	void shouldTimeOutWhenEverySlotStaysBusyUntilTheDeadline() {
		ScanPermits permits = new ScanPermits(1, "test threads", "a test thread");
		permits.acquire(Deadlines.after(Duration.ofSeconds(5)), CONTEXT);
		long start = System.nanoTime();
		assertThatExceptionOfType(EngineException.class)
			.isThrownBy(() -> permits.acquire(Deadlines.after(Duration.ofMillis(100)), CONTEXT))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.TIMEOUT))
			.withMessage("All test threads stayed busy until the scan timed out: upload:a.txt");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(90));
	}

	@Test
	void shouldServeTheNextCallerOnceASlotIsReleased() {
		ScanPermits permits = new ScanPermits(1, "test threads", "a test thread");
		permits.acquire(Deadlines.after(Duration.ofSeconds(5)), CONTEXT);
		permits.release();
		permits.acquire(System.nanoTime(), CONTEXT);
		assertThat(permits.capacity()).isEqualTo(1);
	}

	@Test
	void shouldReportAnInterruptedWaitAsATimeoutAndKeepTheInterrupt() {
		ScanPermits permits = new ScanPermits(0, "test threads", "a test thread");
		Thread.currentThread().interrupt();
		try {
			assertThatExceptionOfType(EngineException.class)
				.isThrownBy(() -> permits.acquire(Deadlines.after(Duration.ofSeconds(5)), CONTEXT))
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.TIMEOUT))
				.withMessage("Interrupted while waiting for a test thread");
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

}
