package dev.bucketwarden.engine.spi.io;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Enforces I/O deadlines on socket channels, which (unlike {@code java.net.Socket}) have
 * no read or write timeout: one daemon thread, shared by every engine in the process,
 * aborts each watched connection whose current operation has run past its deadline, which
 * makes the blocked read or write fail at once. Unix sockets are only reachable through
 * channels, so TCP uses the same path and both behave alike. Arming a deadline is a
 * volatile write in the connection, cheap enough to do for every chunk.
 */
public final class IoWatchdog {

	private static final long TICK_MILLIS = 20;

	private static final IoWatchdog SHARED = new IoWatchdog();

	private final Set<Watched> watched = ConcurrentHashMap.newKeySet();

	private volatile ScheduledExecutorService ticker;

	private IoWatchdog() {
	}

	/** The process's watchdog. */
	public static IoWatchdog shared() {
		return SHARED;
	}

	public void watch(Watched connection) {
		this.watched.add(connection);
		startIfNeeded();
	}

	public void unwatch(Watched connection) {
		this.watched.remove(connection);
	}

	private void startIfNeeded() {
		if (this.ticker == null) {
			synchronized (this) {
				if (this.ticker == null) {
					ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
						Thread thread = new Thread(task, "engine-io-watchdog");
						thread.setDaemon(true);
						return thread;
					});
					executor.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
					this.ticker = executor;
				}
			}
		}
	}

	private void tick() {
		long now = System.nanoTime();
		for (Watched connection : this.watched) {
			if (connection.expired(now)) {
				connection.abortOnTimeout();
			}
		}
	}

	/** A connection with a deadline on its current operation. */
	public interface Watched {

		/**
		 * Whether the current operation's deadline ({@code System.nanoTime()}) passed.
		 */
		boolean expired(long now);

		/** Fails the blocked operation now (typically by closing the channel). */
		void abortOnTimeout();

	}

}
