package dev.bucketwarden.local.process;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Starts servers at the same time, each on its own thread: S3Mock takes longest, and the
 * others together take about as long as it does alone. When one fails to start, every
 * other is stopped once its own start ended, so that no failed start leaves a child
 * process behind. <pre>
 * ParallelStart servers = new ParallelStart();
 * Supplier&lt;ClamdServer&gt; clamd = servers.start(() -&gt; ClamdServer.start(options));
 * ...
 * servers.await();
 * </pre>
 */
public final class ParallelStart {

	private final List<CompletableFuture<? extends AutoCloseable>> starts = new ArrayList<>();

	/**
	 * Starts one server now, on a daemon thread.
	 * @param <T> the server's type
	 * @param start how to start it
	 * @return the started server, once {@link #await()} returned
	 */
	public <T extends AutoCloseable> Supplier<T> start(Supplier<T> start) {
		CompletableFuture<T> server = CompletableFuture.supplyAsync(start,
				(task) -> Thread.ofPlatform().daemon().start(task));
		this.starts.add(server);
		return server::join;
	}

	/**
	 * Waits until every start ended. When one failed, stops the servers that started and
	 * throws the failure.
	 */
	public void await() {
		try {
			CompletableFuture.allOf(this.starts.toArray(CompletableFuture[]::new)).join();
		}
		catch (CompletionException ex) {
			closeAll();
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
	}

	/**
	 * Stops every server that started (one still starting, once its start ends): for a
	 * failure after {@link #await()}, before the servers are handed on.
	 */
	public void closeAll() {
		for (CompletableFuture<? extends AutoCloseable> server : this.starts) {
			server.thenAccept(ParallelStart::closeQuietly);
		}
	}

	/**
	 * Stops one server, ignoring its failure to stop: when several stop, stopping the
	 * rest matters more.
	 * @param server the server
	 */
	public static void closeQuietly(AutoCloseable server) {
		try {
			server.close();
		}
		catch (Exception ex) {
			// stopping the rest matters more
		}
	}

}
