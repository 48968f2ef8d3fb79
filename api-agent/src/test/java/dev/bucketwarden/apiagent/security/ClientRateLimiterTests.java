package dev.bucketwarden.apiagent.security;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientRateLimiterTests {

	private static final long SECOND = 1_000_000_000L;

	private final AtomicLong now = new AtomicLong(42 * SECOND);

	@Test
	void shouldAllowABurstThenTheRateAndSayWhenToComeBack() {
		ClientRateLimiter limiter = new ClientRateLimiter(new RateLimitProperties(0.5, 3, 100), this.now::get);

		for (int i = 0; i < 3; i++) {
			assertThat(limiter.acquire("app")).isZero();
		}
		assertThat(limiter.acquire("app")).isEqualTo(2);
		this.now.addAndGet(SECOND);
		assertThat(limiter.acquire("app")).isEqualTo(1);
		this.now.addAndGet(SECOND);
		assertThat(limiter.acquire("app")).isZero();
	}

	@Test
	void shouldLimitEachClientOnItsOwn() {
		ClientRateLimiter limiter = new ClientRateLimiter(new RateLimitProperties(1, 1, 100), this.now::get);

		assertThat(limiter.acquire("a")).isZero();
		assertThat(limiter.acquire("a")).isPositive();
		assertThat(limiter.acquire("b")).isZero();
	}

	@Test
	void shouldKeepAtMostMaxClientsDroppingTheLeastRecentlySeen() {
		ClientRateLimiter limiter = new ClientRateLimiter(new RateLimitProperties(1, 1, 3), this.now::get);

		for (int i = 0; i < 50; i++) {
			limiter.acquire("client-" + i);
		}

		assertThat(limiter.clients()).isEqualTo(3);
		assertThat(limiter.acquire("client-49")).as("the most recent is still limited").isPositive();
	}

	@Test
	void shouldDropClientsIdleLongEnoughToHaveRefilled() {
		ClientRateLimiter limiter = new ClientRateLimiter(new RateLimitProperties(1, 2, 100), this.now::get);
		limiter.acquire("idle");
		this.now.addAndGet(3 * SECOND);

		limiter.acquire("busy");

		assertThat(limiter.clients()).isEqualTo(1);
	}

}
