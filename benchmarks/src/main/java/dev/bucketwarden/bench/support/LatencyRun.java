package dev.bucketwarden.bench.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a fixed number of requests with N worker threads that take the next request from a
 * shared counter (request i sends file i modulo the file count), records the latency of
 * each one with {@link System#nanoTime()}, and times the whole run. The same loop drives
 * the API agent and the bare clamd client, so both are measured the same way.
 */
public final class LatencyRun {

	private static final int MAX_FAILURE_SAMPLES = 5;

	private LatencyRun() {
	}

	/** One request; one instance per worker thread. */
	@FunctionalInterface
	public interface Request {

		/**
		 * @return {@code null} when the answer is the expected clean one, else what was
		 * wrong
		 */
		String send(Path file) throws Exception;

		/**
		 * Releases what the worker held (a connection); called when its last request is
		 * done.
		 */
		default void close() {
		}

	}

	@FunctionalInterface
	public interface RequestFactory {

		Request newRequest();

	}

	/**
	 * What one run did.
	 *
	 * @param clients concurrent workers
	 * @param requests requests completed
	 * @param bytes bytes sent
	 * @param nanos wall time of the whole run
	 * @param latencies latency of every completed request, sorted, in nanoseconds
	 * @param failures requests that did not end with the expected clean answer
	 * @param failureSamples the first few failures
	 */
	public record Result(int clients, int requests, long bytes, long nanos, long[] latencies, int failures,
			List<String> failureSamples) {

		public double seconds() {
			return this.nanos / 1e9;
		}

		public double requestsPerSecond() {
			return this.requests / seconds();
		}

		/** MB (10^6 bytes) per second. */
		public double megabytesPerSecond() {
			return this.bytes / 1e6 / seconds();
		}

		/** The p-th percentile (nearest rank) in milliseconds. */
		public double percentileMillis(double p) {
			return Statistics.percentileMillis(this.latencies, p);
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%8.1f req/s %7.1f MB/s  p50 %7.2f ms  p99 %7.2f ms  (%d in %.2f s)",
					requestsPerSecond(), megabytesPerSecond(), percentileMillis(50), percentileMillis(99),
					this.requests, seconds());
		}

	}

	public static Result run(List<Path> files, long bytesEach, int requests, int clients, RequestFactory factory,
			Duration timeout) {
		AtomicInteger next = new AtomicInteger();
		AtomicInteger failures = new AtomicInteger();
		ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
		CountDownLatch ready = new CountDownLatch(clients);
		CountDownLatch go = new CountDownLatch(1);
		List<Thread> workers = new ArrayList<>(clients);
		List<long[]> perWorker = new ArrayList<>(clients);
		List<AtomicInteger> counts = new ArrayList<>(clients);
		for (int w = 0; w < clients; w++) {
			Request request = factory.newRequest();
			long[] latencies = new long[requests];
			AtomicInteger count = new AtomicInteger();
			perWorker.add(latencies);
			counts.add(count);
			Thread worker = Thread.ofPlatform().name("bench-client-" + w).unstarted(() -> {
				ready.countDown();
				await(go);
				try {
					sendAll(request, files, requests, next, latencies, count, failures, samples);
				}
				finally {
					request.close();
				}
			});
			workers.add(worker);
			worker.start();
		}
		return finish(workers, perWorker, counts, requests, clients, bytesEach, failures, samples, ready, go, timeout);
	}

	private static void sendAll(Request request, List<Path> files, int requests, AtomicInteger next, long[] latencies,
			AtomicInteger count, AtomicInteger failures, ConcurrentLinkedQueue<String> samples) {
		int index;
		while ((index = next.getAndIncrement()) < requests && !Thread.currentThread().isInterrupted()) {
			Path file = files.get(index % files.size());
			String failure;
			long start = System.nanoTime();
			try {
				failure = request.send(file);
			}
			catch (Exception ex) {
				failure = ex.toString();
			}
			long latency = System.nanoTime() - start;
			if (failure == null) {
				latencies[count.getAndIncrement()] = latency;
			}
			else {
				failures.incrementAndGet();
				if (samples.size() < MAX_FAILURE_SAMPLES) {
					samples.add(file.getFileName() + ": " + failure);
				}
			}
		}
	}

	private static Result finish(List<Thread> workers, List<long[]> perWorker, List<AtomicInteger> counts, int requests,
			int clients, long bytesEach, AtomicInteger failures, ConcurrentLinkedQueue<String> samples,
			CountDownLatch ready, CountDownLatch go, Duration timeout) {
		await(ready);
		long start = System.nanoTime();
		go.countDown();
		long deadline = start + timeout.toNanos();
		for (Thread worker : workers) {
			try {
				long left = deadline - System.nanoTime();
				if (left <= 0 || !worker.join(Duration.ofNanos(left))) {
					samples.add(worker.getName() + " did not finish within " + timeout);
					failures.incrementAndGet();
					worker.interrupt();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for the clients", ex);
			}
		}
		long nanos = System.nanoTime() - start;
		int done = 0;
		for (AtomicInteger count : counts) {
			done += count.get();
		}
		long[] all = new long[done];
		int at = 0;
		for (int w = 0; w < clients; w++) {
			int n = counts.get(w).get();
			System.arraycopy(perWorker.get(w), 0, all, at, n);
			at += n;
		}
		Arrays.sort(all);
		if (done + failures.get() < requests) {
			failures.incrementAndGet();
			samples.add("completed " + done + " of " + requests + " requests");
		}
		return new Result(clients, done, (long) done * bytesEach, nanos, all, failures.get(), List.copyOf(samples));
	}

	/** Both runs' samples together; throughput from the summed time. */
	public static Result merge(Result a, Result b) {
		long[] all = new long[a.latencies.length + b.latencies.length];
		System.arraycopy(a.latencies, 0, all, 0, a.latencies.length);
		System.arraycopy(b.latencies, 0, all, a.latencies.length, b.latencies.length);
		Arrays.sort(all);
		List<String> samples = new ArrayList<>(a.failureSamples);
		samples.addAll(b.failureSamples);
		return new Result(a.clients, a.requests + b.requests, a.bytes + b.bytes, a.nanos + b.nanos, all,
				a.failures + b.failures, List.copyOf(samples));
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(1, TimeUnit.MINUTES)) {
				throw new IllegalStateException("Clients did not start within a minute");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
