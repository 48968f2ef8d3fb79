package dev.bucketwarden.engine.spi.io;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Deadlines}: a deadline is now plus the timeout, and a timeout too long to add is
 * capped instead of overflowing into the past.
 */
class DeadlinesTests {

	@Test
	void shouldPlaceTheDeadlineTheTimeoutFromNow() {
		long before = System.nanoTime();
		long deadline = Deadlines.after(Duration.ofSeconds(5));
		long after = System.nanoTime();
		assertThat(deadline - before).isGreaterThanOrEqualTo(Duration.ofSeconds(5).toNanos());
		assertThat(deadline - after).isLessThanOrEqualTo(Duration.ofSeconds(5).toNanos());
	}

	@Test
	void shouldCapATimeoutTooLongToAddWithoutOverflow() {
		long now = System.nanoTime();
		long deadline = Deadlines.after(Duration.ofNanos(Long.MAX_VALUE));
		assertThat(deadline - now).isPositive().isGreaterThan(Duration.ofDays(365 * 100).toNanos());
	}

}
