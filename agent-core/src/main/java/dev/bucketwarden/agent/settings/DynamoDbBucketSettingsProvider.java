package dev.bucketwarden.agent.settings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.agent.storage.StorageException;

/**
 * Bucket settings from the console's settings table, cached. At most once per
 * {@code refreshInterval} a caller checks the table's change counter (one consistent
 * GetItem) and reloads every bucket only when it moved. So a change made in the console
 * reaches a running agent within the refresh interval plus one DynamoDB round trip,
 * without a restart; between checks nothing is read.
 *
 * <p>
 * Buckets the table does not list get the configured defaults. If a check fails the
 * cached settings stay in use and the next call tries again; if the very first load
 * fails, the caller gets the {@link StorageException} (the scan is retried, never decided
 * with unknown settings).
 */
public class DynamoDbBucketSettingsProvider implements BucketSettingsProvider {

	private static final Logger logger = LoggerFactory.getLogger(DynamoDbBucketSettingsProvider.class);

	private final DynamoDbSettingsTable table;

	private final BucketSettings defaults;

	private final Duration refreshInterval;

	private final Clock clock;

	private volatile Snapshot snapshot;

	public DynamoDbBucketSettingsProvider(DynamoDbSettingsTable table, BucketSettings defaults,
			Duration refreshInterval, Clock clock) {
		this.table = table;
		this.defaults = defaults;
		this.refreshInterval = refreshInterval;
		this.clock = clock;
	}

	@Override
	public BucketSettings forBucket(String bucket) {
		StoredBucket stored = current().buckets().get(bucket);
		return (stored != null) ? stored.settings() : this.defaults;
	}

	@Override
	public BucketRules rulesFor(String bucket) {
		StoredBucket stored = current().buckets().get(bucket);
		return (stored != null) ? stored.rules() : BucketRules.NONE;
	}

	@Override
	public Set<String> quarantineBuckets() {
		Set<String> quarantine = new HashSet<>();
		if (this.defaults.quarantineBucket() != null) {
			quarantine.add(this.defaults.quarantineBucket());
		}
		current().buckets()
			.values()
			.stream()
			.map((bucket) -> bucket.settings().quarantineBucket())
			.filter((name) -> name != null && !name.isBlank())
			.forEach(quarantine::add);
		return quarantine;
	}

	@Override
	public long version() {
		return current().version();
	}

	/** The protected buckets as last loaded. */
	public Set<String> protectedBuckets() {
		return current().buckets().keySet();
	}

	private Snapshot current() {
		Snapshot known = this.snapshot;
		Instant now = this.clock.instant();
		if (known != null && now.isBefore(known.checkedAt().plus(this.refreshInterval))) {
			return known;
		}
		synchronized (this) {
			known = this.snapshot;
			if (known != null && now.isBefore(known.checkedAt().plus(this.refreshInterval))) {
				return known;
			}
			try {
				this.snapshot = refresh(known, now);
			}
			catch (StorageException ex) {
				if (known == null) {
					throw ex;
				}
				logger.warn("Keeping bucket settings of version {}: {}", known.version(), ex.getMessage());
				this.snapshot = new Snapshot(known.version(), known.buckets(), now);
			}
			return this.snapshot;
		}
	}

	private Snapshot refresh(Snapshot known, Instant now) {
		long version = this.table.version();
		if (known != null && known.version() == version) {
			return new Snapshot(version, known.buckets(), now);
		}
		List<StoredBucket> buckets = this.table.buckets();
		// The counter is bumped after each write: a version read before the items is
		// never
		// newer than them, so a change that lands in between is picked up next time.
		logger.info("Bucket settings version {}: {} protected bucket(s) from {}", version, buckets.size(),
				this.table.name());
		return new Snapshot(version,
				buckets.stream().collect(Collectors.toUnmodifiableMap(StoredBucket::bucket, Function.identity())), now);
	}

	private record Snapshot(long version, Map<String, StoredBucket> buckets, Instant checkedAt) {
	}

}
