package dev.bucketwarden.bench.large;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.bucketwarden.bench.support.BareInstreamClient;

/**
 * The baseline: the object's bytes, cut into the agents' windows, streamed to clamd with
 * a bare INSTREAM client, one stream per worker, each taking the next window until none
 * is left. The bytes come from the generator, not from S3Mock, so the figure is clamd's
 * alone. Each window's reply is checked: {@code stream: OK}, or FOUND for a window that
 * holds EICAR.
 */
final class BareWindows {

	private static final int READ_TIMEOUT_MILLIS = 600_000;

	private BareWindows() {
	}

	/**
	 * Scans every window once.
	 * @param content the object's bytes
	 * @param windows the ranges to scan
	 * @param streams concurrent streams
	 * @param clamdPort clamd's TCP port on 127.0.0.1
	 * @param chunkSize INSTREAM chunk size
	 * @return what happened
	 */
	static Result run(SparseContent content, List<Windows.Range> windows, int streams, int clamdPort, int chunkSize) {
		AtomicInteger next = new AtomicInteger();
		List<String> problems = Collections.synchronizedList(new ArrayList<>());
		List<Integer> found = Collections.synchronizedList(new ArrayList<>());
		long[] windowNanos = new long[windows.size()];
		long started = System.nanoTime();
		ExecutorService executor = Executors.newFixedThreadPool(streams);
		try {
			List<Future<?>> workers = new ArrayList<>();
			for (int i = 0; i < streams; i++) {
				workers.add(executor.submit(() -> {
					BareInstreamClient client = new BareInstreamClient(clamdPort, chunkSize, READ_TIMEOUT_MILLIS);
					int index;
					while ((index = next.getAndIncrement()) < windows.size()) {
						Windows.Range window = windows.get(index);
						long start = System.nanoTime();
						String reply;
						try (InputStream in = content.open(window.start(), window.end())) {
							reply = client.scan(in);
						}
						catch (IOException ex) {
							throw new UncheckedIOException("Window " + index, ex);
						}
						windowNanos[index] = System.nanoTime() - start;
						boolean eicar = content.holdsEicar(window.start(), window.end());
						if (reply.endsWith("FOUND")) {
							found.add(index);
						}
						if (eicar ? !reply.endsWith("FOUND") : !reply.equals("stream: OK")) {
							problems.add("window " + index + " [" + window.start() + ", " + window.end()
									+ "): clamd said '" + reply + "'" + (eicar ? ", expected FOUND" : ""));
						}
					}
				}));
			}
			for (Future<?> worker : workers) {
				try {
					worker.get();
				}
				catch (java.util.concurrent.ExecutionException ex) {
					problems.add(String.valueOf(ex.getCause()));
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			problems.add("interrupted");
		}
		finally {
			executor.shutdownNow();
			try {
				executor.awaitTermination(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		long nanos = System.nanoTime() - started;
		long scanned = windows.stream().mapToLong(Windows.Range::length).sum();
		List<Integer> sortedFound = new ArrayList<>(found);
		Collections.sort(sortedFound);
		return new Result(content.size(), scanned, windows.size(), streams, nanos, windowNanos,
				List.copyOf(sortedFound), List.copyOf(problems));
	}

	/**
	 * A bare run.
	 *
	 * @param objectBytes the object's size
	 * @param scannedBytes the windows' bytes, overlaps counted twice
	 * @param windows how many windows
	 * @param streams concurrent streams
	 * @param nanos wall time
	 * @param windowNanos each window's time, stream open to reply
	 * @param found the windows clamd found something in
	 * @param problems unexpected replies and failures
	 */
	record Result(long objectBytes, long scannedBytes, int windows, int streams, long nanos, long[] windowNanos,
			List<Integer> found, List<String> problems) {

		double seconds() {
			return this.nanos / 1e9;
		}

		/** The object's MiB per second of wall time: what the job is compared with. */
		double mibPerSecond() {
			return this.objectBytes / (double) LargeOptions.MIB / seconds();
		}

		/**
		 * One stream's rate: the windows' bytes over the time they took, summed over
		 * streams; the per-worker figure the AWS estimate is built on.
		 */
		double perStreamMibPerSecond() {
			long total = 0;
			for (long n : this.windowNanos) {
				total += n;
			}
			return this.scannedBytes / (double) LargeOptions.MIB / (total / 1e9);
		}

	}

}
