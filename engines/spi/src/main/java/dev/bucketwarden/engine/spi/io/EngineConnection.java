package dev.bucketwarden.engine.spi.io;

import java.io.IOException;

import dev.bucketwarden.engine.spi.EngineException;

/**
 * What every engine's protocol connection (clamd, ICAP, SSSP) does the same way over its
 * {@link DeadlineChannel}: turn an I/O failure into the engine exception it stands for,
 * tell whether a deadline was missed, and close. Subclasses add their protocol's reads
 * and writes.
 */
public abstract class EngineConnection implements AutoCloseable {

	private final DeadlineChannel channel;

	protected EngineConnection(DeadlineChannel channel) {
		this.channel = channel;
	}

	protected final DeadlineChannel channel() {
		return this.channel;
	}

	/** Turns an I/O failure into the engine exception it stands for. */
	public final EngineException failure(String during, IOException ex) {
		return this.channel.failure(during, ex);
	}

	/** Whether the watchdog aborted an operation that ran past its deadline. */
	public final boolean timedOut() {
		return this.channel.timedOut();
	}

	@Override
	public void close() {
		this.channel.close();
	}

}
