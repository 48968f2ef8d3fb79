package dev.bucketwarden.local.process;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class ParallelStartTests {

	@Test
	void shouldStartEveryServerAtTheSameTime() throws InterruptedException {
		CountDownLatch bothStarting = new CountDownLatch(2);
		ParallelStart servers = new ParallelStart();

		Supplier<Server> first = servers.start(() -> startAfterTheOther(bothStarting));
		Supplier<Server> second = servers.start(() -> startAfterTheOther(bothStarting));
		servers.await();

		assertThat(first.get()).isNotSameAs(second.get());
	}

	@Test
	void shouldStopTheOthersAlsoOneThatStartedAfterTheFailureAndThrowTheFailure() {
		CountDownLatch failed = new CountDownLatch(1);
		Server started = new Server();
		Server slow = new Server();
		ParallelStart servers = new ParallelStart();
		servers.start(() -> started);
		servers.start(() -> {
			awaitRelease(failed);
			return slow;
		});
		servers.start(() -> {
			failed.countDown();
			throw new IllegalStateException("clamd did not start");
		});

		assertThatIllegalStateException().isThrownBy(servers::await).withMessage("clamd did not start");

		await().atMost(Duration.ofSeconds(10)).until(() -> slow.closed.get() == 1);
		assertThat(started.closed).hasValue(1);
	}

	@Test
	void shouldStopEveryServerWhenAskedAfterTheyStarted() {
		Server one = new Server();
		Server two = new Server();
		ParallelStart servers = new ParallelStart();
		servers.start(() -> one);
		servers.start(() -> two);
		servers.await();

		servers.closeAll();

		assertThat(one.closed).hasValue(1);
		assertThat(two.closed).hasValue(1);
	}

	private static Server startAfterTheOther(CountDownLatch bothStarting) {
		bothStarting.countDown();
		awaitRelease(bothStarting);
		return new Server();
	}

	private static void awaitRelease(CountDownLatch latch) {
		try {
			if (!latch.await(10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("not released in 10 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static final class Server implements AutoCloseable {

		private final AtomicInteger closed = new AtomicInteger();

		@Override
		public void close() {
			this.closed.incrementAndGet();
		}

	}

}
