package dev.bucketwarden.engine.icap;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Enforces I/O deadlines on socket channels, which have no read or write timeout: one
 * daemon thread closes every connection whose current operation has run past its
 * deadline, which makes the blocked read or write fail at once. (The same design as the
 * ClamAV engine's; engines share nothing but the SPI, so each has its own copy.)
 */
final class IoWatchdog {

	private static final long TICK_MILLIS = 20;

	static final IoWatchdog INSTANCE = new IoWatchdog();

	private final Set<IcapConnection> watched = ConcurrentHashMap.newKeySet();

	private volatile ScheduledExecutorService ticker;

	private IoWatchdog() {
	}

	void watch(IcapConnection connection) {
		this.watched.add(connection);
		startIfNeeded();
	}

	void unwatch(IcapConnection connection) {
		this.watched.remove(connection);
	}

	private void startIfNeeded() {
		if (this.ticker == null) {
			synchronized (this) {
				if (this.ticker == null) {
					ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
						Thread thread = new Thread(task, "icap-io-watchdog");
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
		for (IcapConnection connection : this.watched) {
			if (connection.expired(now)) {
				connection.abortOnTimeout();
			}
		}
	}

}
