package dev.bucketwarden.agent.findings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.agent.storage.StorageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FindingBatcherTests {

	private final List<List<String>> requests = new CopyOnWriteArrayList<>();

	@Test
	void shouldShareRequestsBetweenConcurrentCallersWhileOneIsOnItsWay() throws Exception {
		CountDownLatch firstSending = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		FindingBatcher<String> batcher = new FindingBatcher<>(Duration.ZERO, String::length, (entries) -> {
			this.requests.add(entries);
			if (this.requests.size() == 1) {
				firstSending.countDown();
				await(release);
			}
			return nulls(entries.size());
		});
		try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
			Future<?> first = callers.submit(() -> batcher.send("first"));
			assertThat(firstSending.await(10, TimeUnit.SECONDS)).isTrue();
			List<Future<?>> others = new ArrayList<>();
			for (int i = 0; i < 15; i++) {
				String entry = "entry-" + i;
				others.add(callers.submit(() -> batcher.send(entry)));
			}
			// While the first request is on its way, ten of the 15 fill a batch, which
			// goes at once; the other five wait for the requests on their way.
			Thread.sleep(300);
			assertThat(this.requests).hasSize(2);
			assertThat(this.requests.get(1)).hasSize(10);
			release.countDown();
			first.get(10, TimeUnit.SECONDS);
			for (Future<?> other : others) {
				other.get(10, TimeUnit.SECONDS);
			}
		}
		assertThat(this.requests).extracting(List::size).containsExactly(1, 10, 5);
		assertThat(this.requests.get(0)).containsExactly("first");
	}

	@Test
	void shouldSendALoneEntryWithoutWaitingForOthers() {
		FindingBatcher<String> batcher = new FindingBatcher<>(Duration.ZERO, String::length, (entries) -> {
			this.requests.add(entries);
			return nulls(entries.size());
		});

		batcher.send("alone");

		assertThat(this.requests).containsExactly(List.of("alone"));
	}

	@Test
	void shouldWaitTheLingerForOthersWhenNothingIsOnItsWay() throws Exception {
		FindingBatcher<String> batcher = new FindingBatcher<>(Duration.ofSeconds(2), String::length, (entries) -> {
			this.requests.add(entries);
			return nulls(entries.size());
		});
		try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
			Future<?> a = callers.submit(() -> batcher.send("a"));
			Future<?> b = callers.submit(() -> batcher.send("b"));
			a.get(10, TimeUnit.SECONDS);
			b.get(10, TimeUnit.SECONDS);
		}
		assertThat(this.requests).hasSize(1);
		assertThat(this.requests.getFirst()).containsExactlyInAnyOrder("a", "b");
	}

	@Test
	void shouldFailOnlyTheCallerWhoseEntryWasRefused() throws Exception {
		FindingBatcher<String> batcher = new FindingBatcher<>(Duration.ofSeconds(2), String::length,
				(entries) -> entries.stream()
					.map((entry) -> entry.equals("bad") ? "InvalidParameter: no" : null)
					.toList());
		try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
			Future<?> good = callers.submit(() -> batcher.send("good"));
			Future<?> bad = callers.submit(() -> batcher.send("bad"));
			good.get(10, TimeUnit.SECONDS);
			assertThatExceptionOfType(java.util.concurrent.ExecutionException.class)
				.isThrownBy(() -> bad.get(10, TimeUnit.SECONDS))
				.withCauseInstanceOf(StorageException.class)
				.withMessageContaining("InvalidParameter");
		}
	}

	@Test
	void shouldFailEveryCallerOfARequestThatFailed() {
		FindingBatcher<String> batcher = new FindingBatcher<>(Duration.ZERO, String::length, (entries) -> {
			throw new StorageException("the topic is down", null);
		});

		assertThatExceptionOfType(StorageException.class).isThrownBy(() -> batcher.send("lost"))
			.withMessage("the topic is down");
	}

	@Test
	void shouldStartANewRequestBeforeTheSizeLimit() {
		FindingBatcher<String> batcher = new FindingBatcher<>(Duration.ZERO, (entry) -> 150 * 1024, (entries) -> {
			this.requests.add(entries);
			return nulls(entries.size());
		});

		batcher.send("big-1");
		batcher.send("big-2");

		assertThat(this.requests).containsExactly(List.of("big-1"), List.of("big-2"));
	}

	private static List<String> nulls(int size) {
		List<String> failures = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			failures.add(null);
		}
		return failures;
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
