package dev.bucketwarden.store.settings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.store.StoreException;

/**
 * A value read from the console's settings table, kept until the table's change counter
 * moves. At most once per {@code refreshInterval} a caller reads the counter (one
 * GetItem) and reloads the value only when it moved; between checks nothing is read. So a
 * change made in the console reaches a running agent within the refresh interval plus one
 * DynamoDB round trip.
 *
 * <p>
 * If a check fails the cached value stays in use and the next call tries again; if the
 * very first load fails, the caller gets the {@link StoreException}.
 *
 * @param <T> the cached value
 */
public final class VersionedCache<T> {

	private static final Logger logger = LoggerFactory.getLogger(VersionedCache.class);

	private final String what;

	private final LongSupplier version;

	private final UnaryOperator<T> load;

	private final Duration refreshInterval;

	private final Clock clock;

	private volatile Entry<T> entry;

	/**
	 * @param what what is cached, for the log
	 * @param version reads the table's change counter
	 * @param load loads the value; given the previous one (or null), so it can keep what
	 * did not change
	 */
	public VersionedCache(String what, LongSupplier version, UnaryOperator<T> load, Duration refreshInterval,
			Clock clock) {
		this.what = what;
		this.version = version;
		this.load = load;
		this.refreshInterval = refreshInterval;
		this.clock = clock;
	}

	/** The value, checked against the change counter if the interval has passed. */
	public T get() {
		return current().value();
	}

	/** The change counter the value was loaded at. */
	public long version() {
		return current().version();
	}

	private Entry<T> current() {
		Entry<T> known = this.entry;
		Instant now = this.clock.instant();
		if (known != null && now.isBefore(known.checkedAt().plus(this.refreshInterval))) {
			return known;
		}
		synchronized (this) {
			known = this.entry;
			if (known != null && now.isBefore(known.checkedAt().plus(this.refreshInterval))) {
				return known;
			}
			try {
				this.entry = refresh(known, now);
			}
			catch (StoreException ex) {
				if (known == null) {
					throw ex;
				}
				logger.warn("Keeping the {} of version {}: {}", this.what, known.version(), ex.getMessage());
				this.entry = new Entry<>(known.version(), known.value(), now);
			}
			return this.entry;
		}
	}

	private Entry<T> refresh(Entry<T> known, Instant now) {
		long current = this.version.getAsLong();
		if (known != null && known.version() == current) {
			return new Entry<>(current, known.value(), now);
		}
		// The counter is bumped after each write: a version read before the value is
		// never
		// newer than it, so a change that lands in between is picked up at the next
		// check.
		return new Entry<>(current, this.load.apply((known != null) ? known.value() : null), now);
	}

	private record Entry<T>(long version, T value, Instant checkedAt) {
	}

}
