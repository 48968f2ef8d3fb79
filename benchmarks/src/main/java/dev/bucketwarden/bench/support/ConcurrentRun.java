package dev.bucketwarden.bench.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scans a set of files with N worker threads that take the next file from a shared index,
 * so each file is scanned exactly once per run, and times the whole run.
 */
public final class ConcurrentRun {

	private static final int MAX_FAILURE_SAMPLES = 5;

	private ConcurrentRun() {
	}

	/** Scans one file; one instance per worker thread. */
	@FunctionalInterface
	public interface Scanner {

		/**
		 * @return {@code null} when the verdict is the expected clean one, else what was
		 * wrong
		 */
		String scan(Path file) throws Exception;

	}

	@FunctionalInterface
	public interface ScannerFactory {

		Scanner newScanner();

	}

	/**
	 * What one run did.
	 *
	 * @param streams concurrent workers
	 * @param files files scanned
	 * @param bytes bytes scanned
	 * @param nanos wall time of the whole run
	 * @param failures scans that did not end with the expected clean verdict
	 * @param failureSamples the first few failures
	 */
	public record Result(int streams, int files, long bytes, long nanos, int failures, List<String> failureSamples) {

		public double seconds() {
			return this.nanos / 1e9;
		}

		public double filesPerSecond() {
			return this.files / seconds();
		}

		/** MiB (2^20 bytes) per second. */
		public double mibPerSecond() {
			return this.bytes / (double) (1 << 20) / seconds();
		}

	}

	public static Result run(List<Path> files, long bytesEach, int streams, ScannerFactory factory, Duration timeout) {
		AtomicInteger next = new AtomicInteger();
		AtomicInteger scanned = new AtomicInteger();
		AtomicInteger failures = new AtomicInteger();
		ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
		CountDownLatch ready = new CountDownLatch(streams);
		CountDownLatch go = new CountDownLatch(1);
		List<Thread> workers = new ArrayList<>(streams);
		for (int w = 0; w < streams; w++) {
			Scanner scanner = factory.newScanner();
			Thread worker = Thread.ofPlatform().name("bench-worker-" + w).unstarted(() -> {
				ready.countDown();
				await(go);
				int index;
				while ((index = next.getAndIncrement()) < files.size()) {
					Path file = files.get(index);
					String failure;
					try {
						failure = scanner.scan(file);
					}
					catch (Exception ex) {
						failure = ex.toString();
					}
					scanned.incrementAndGet();
					if (failure != null) {
						failures.incrementAndGet();
						if (samples.size() < MAX_FAILURE_SAMPLES) {
							samples.add(file.getFileName() + ": " + failure);
						}
					}
				}
			});
			workers.add(worker);
			worker.start();
		}
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
				throw new IllegalStateException("Interrupted while waiting for the workers", ex);
			}
		}
		long nanos = System.nanoTime() - start;
		int done = scanned.get();
		if (done != files.size()) {
			failures.incrementAndGet();
			samples.add("scanned " + done + " of " + files.size() + " files");
		}
		return new Result(streams, done, (long) done * bytesEach, nanos, failures.get(), List.copyOf(samples));
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(1, TimeUnit.MINUTES)) {
				throw new IllegalStateException("Workers did not start within a minute");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
