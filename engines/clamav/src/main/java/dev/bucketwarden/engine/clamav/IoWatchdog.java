package dev.bucketwarden.engine.clamav;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Enforces I/O deadlines on socket channels, which (unlike {@code java.net.Socket}) have
 * no read timeout: one daemon thread closes every connection whose current operation has
 * run past its deadline, which makes the blocked read or write fail at once. Unix sockets
 * are only reachable through channels, so TCP uses the same path and both behave alike.
 * Arming a deadline is a volatile write, cheap enough to do for every chunk.
 */
final class IoWatchdog {

	private static final long TICK_MILLIS = 20;

	static final IoWatchdog INSTANCE = new IoWatchdog();

	private final Set<ClamdConnection> watched = ConcurrentHashMap.newKeySet();

	private volatile ScheduledExecutorService ticker;

	private IoWatchdog() {
	}

	void watch(ClamdConnection connection) {
		this.watched.add(connection);
		startIfNeeded();
	}

	void unwatch(ClamdConnection connection) {
		this.watched.remove(connection);
	}

	private void startIfNeeded() {
		if (this.ticker == null) {
			synchronized (this) {
				if (this.ticker == null) {
					ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
						Thread thread = new Thread(task, "clamd-io-watchdog");
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
		for (ClamdConnection connection : this.watched) {
			if (connection.expired(now)) {
				connection.abortOnTimeout();
			}
		}
	}

}
