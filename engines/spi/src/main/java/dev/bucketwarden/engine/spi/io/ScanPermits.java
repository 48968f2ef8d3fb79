package dev.bucketwarden.engine.spi.io;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.ScanContext;

/**
 * A fair pool of scan slots for an engine daemon: callers wait here, up to their scan's
 * deadline, instead of piling up in the daemon's own queue (clamd's threads, SAVDI's
 * sessions, an ICAP server's connections). A wait that outlasts the deadline is a
 * timeout, not a failure of the daemon.
 */
public final class ScanPermits {

	private final Semaphore semaphore;

	private final int capacity;

	private final String slots;

	private final String slot;

	/**
	 * @param capacity how many scans may be in flight at once
	 * @param slots how messages name the slots, e.g. {@code clamd threads}
	 * @param slot how messages name one slot, e.g. {@code a clamd thread}
	 */
	public ScanPermits(int capacity, String slots, String slot) {
		this.semaphore = new Semaphore(capacity, true);
		this.capacity = capacity;
		this.slots = slots;
		this.slot = slot;
	}

	/** How many scans may be in flight at once. */
	public int capacity() {
		return this.capacity;
	}

	/**
	 * Takes a slot, waiting no longer than the scan's deadline; every successful call is
	 * followed by one {@link #release()}.
	 * @param deadline {@link System#nanoTime()} at which the scan times out
	 * @throws EngineException a timeout when no slot came free in time, or when
	 * interrupted
	 */
	public void acquire(long deadline, ScanContext context) {
		try {
			long wait = Math.max(0, deadline - System.nanoTime());
			if (!this.semaphore.tryAcquire(wait, TimeUnit.NANOSECONDS)) {
				throw EngineException.timeout(
						"All " + this.slots + " stayed busy until the scan timed out: " + context.object().describe(),
						null);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw EngineException.timeout("Interrupted while waiting for " + this.slot, ex);
		}
	}

	/** Gives back a slot taken with {@link #acquire(long, ScanContext)}. */
	public void release() {
		this.semaphore.release();
	}

}
