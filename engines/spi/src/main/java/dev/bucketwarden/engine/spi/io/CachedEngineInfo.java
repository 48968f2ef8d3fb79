package dev.bucketwarden.engine.spi.io;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.EngineInfo;

/**
 * An engine's last known product and signature versions, asked again once they are older
 * than the refresh interval. Records and health checks ask for the versions on every
 * scan; asking the daemon each time would double its connections. A daemon that cannot
 * answer keeps the last known versions: the scan itself reports the daemon's failures.
 */
public final class CachedEngineInfo {

	private final Duration refresh;

	private volatile EngineInfo info;

	private volatile long refreshedAt;

	/**
	 * @param id the engine's id, for the versions known before the first probe
	 * @param refresh how long versions are kept before they are asked again
	 */
	public CachedEngineInfo(String id, Duration refresh) {
		this.refresh = refresh;
		this.info = EngineInfo.unknown(id);
	}

	/**
	 * The versions, probed again when they were never asked or are older than the refresh
	 * interval.
	 * @param probe asks the daemon and {@link #update(EngineInfo) updates} this cache
	 * @param probeFailed told when the probe failed, before the last known versions are
	 * returned
	 */
	public EngineInfo current(Supplier<EngineInfo> probe, Consumer<EngineException> probeFailed) {
		long age = System.nanoTime() - this.refreshedAt;
		if (this.refreshedAt == 0 || age > this.refresh.toNanos()) {
			try {
				return probe.get();
			}
			catch (EngineException ex) {
				probeFailed.accept(ex);
			}
		}
		return this.info;
	}

	/** Keeps versions just asked, and when. */
	public EngineInfo update(EngineInfo fresh) {
		this.info = fresh;
		this.refreshedAt = System.nanoTime();
		return fresh;
	}

}
