package dev.bucketwarden.agent.findings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import dev.bucketwarden.agent.storage.StorageException;

/**
 * Sends entries from many threads in batches, one request for up to ten of them, and
 * returns to each caller only once its own entry went out (or throws when it did not), so
 * a message is still acknowledged only after its own finding was sent.
 * <p>
 * No thread of its own: the first caller of a batch sends it, when it is full, or when no
 * earlier batch is being sent any more and the linger has passed. While one batch is on
 * its way the next one fills, so under load batches form by themselves and at rest a lone
 * entry waits no longer than the linger (none by default).
 *
 * @param <E> the entries
 */
final class FindingBatcher<E> {

	/** The most entries SNS PublishBatch, SQS SendMessageBatch and PutEvents take. */
	static final int MAX_ENTRIES = 10;

	/** Below the 256 KiB these APIs take per request, with room for the envelope. */
	static final int MAX_BYTES = 200 * 1024;

	private final Object lock = new Object();

	private final Duration linger;

	private final ToIntFunction<E> size;

	private final Function<List<E>, List<String>> sender;

	private Batch<E> open;

	/** Requests on their way (a full batch goes even while another is). */
	private int sending;

	/**
	 * @param linger how long the first entry of a batch waits for others when nothing is
	 * being sent
	 * @param size an entry's size in bytes, as the request carries it
	 * @param sender sends one batch and answers, per entry in order, {@code null} when it
	 * went out or why it did not; throws when the whole request failed
	 */
	FindingBatcher(Duration linger, ToIntFunction<E> size, Function<List<E>, List<String>> sender) {
		this.linger = linger;
		this.size = size;
		this.sender = sender;
	}

	/**
	 * Sends the entry with whatever others are waiting.
	 * @throws StorageException when it did not go out
	 */
	void send(E entry) {
		int bytes = this.size.applyAsInt(entry);
		CompletableFuture<String> sent = new CompletableFuture<>();
		Batch<E> batch;
		boolean first;
		synchronized (this.lock) {
			if (this.open != null && (this.open.entries.size() >= MAX_ENTRIES || this.open.bytes + bytes > MAX_BYTES)) {
				this.open.closed = true;
				this.open = null;
				this.lock.notifyAll();
			}
			first = (this.open == null);
			if (first) {
				this.open = new Batch<>();
			}
			batch = this.open;
			batch.entries.add(entry);
			batch.results.add(sent);
			batch.bytes += bytes;
			if (batch.entries.size() >= MAX_ENTRIES) {
				batch.closed = true;
				this.open = null;
				this.lock.notifyAll();
			}
		}
		if (first) {
			lead(batch);
		}
		String failure;
		try {
			failure = sent.join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
					: new StorageException("Sending the finding failed", ex.getCause());
		}
		if (failure != null) {
			throw new StorageException("The finding was refused: " + failure, null);
		}
	}

	/**
	 * The entries with their position as their batch id, which a batch API's answer names
	 * the failed ones by.
	 */
	static <T> List<T> numbered(List<T> entries, BiFunction<T, String, T> withId) {
		List<T> numbered = new ArrayList<>(entries.size());
		for (int i = 0; i < entries.size(); i++) {
			numbered.add(withId.apply(entries.get(i), Integer.toString(i)));
		}
		return numbered;
	}

	/**
	 * Per entry of a {@link #numbered} batch, in order: {@code null} when it went out, or
	 * why it did not.
	 * @param failedById the answer's failures: batch id to reason
	 */
	static List<String> failures(int entries, Map<String, String> failedById) {
		List<String> failures = new ArrayList<>(entries);
		for (int i = 0; i < entries; i++) {
			failures.add(failedById.get(Integer.toString(i)));
		}
		return failures;
	}

	/** Waits until the batch may go, then sends it and tells each of its callers. */
	private void lead(Batch<E> batch) {
		long deadline = System.nanoTime() + this.linger.toNanos();
		synchronized (this.lock) {
			while (!batch.closed && (this.sending > 0 || System.nanoTime() < deadline)) {
				long waitNanos = (this.sending > 0) ? Long.MAX_VALUE : deadline - System.nanoTime();
				try {
					if (waitNanos == Long.MAX_VALUE) {
						this.lock.wait();
					}
					else if (waitNanos > 0) {
						this.lock.wait(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					break;
				}
			}
			if (this.open == batch) {
				this.open = null;
			}
			batch.closed = true;
			this.sending++;
		}
		try {
			List<String> failures = this.sender.apply(List.copyOf(batch.entries));
			for (int i = 0; i < batch.results.size(); i++) {
				batch.results.get(i).complete((i < failures.size()) ? failures.get(i) : "no answer for this entry");
			}
		}
		catch (RuntimeException ex) {
			batch.results.forEach((result) -> result.completeExceptionally(ex));
		}
		finally {
			synchronized (this.lock) {
				this.sending--;
				this.lock.notifyAll();
			}
		}
	}

	private static final class Batch<E> {

		private final List<E> entries = new ArrayList<>(MAX_ENTRIES);

		private final List<CompletableFuture<String>> results = new ArrayList<>(MAX_ENTRIES);

		private int bytes;

		private boolean closed;

	}

}
