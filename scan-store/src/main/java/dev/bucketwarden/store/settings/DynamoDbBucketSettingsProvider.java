package dev.bucketwarden.store.settings;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bucket settings from the console's settings table, cached. At most once per
 * {@code refreshInterval} a caller checks the table's change counter (one consistent
 * GetItem) and reloads every bucket only when it moved ({@link VersionedCache}). So a
 * change made in the console reaches a running agent within the refresh interval plus one
 * DynamoDB round trip, without a restart; between checks nothing is read.
 *
 * <p>
 * Buckets the table does not list get the configured defaults. If a check fails the
 * cached settings stay in use and the next call tries again; if the very first load
 * fails, the caller gets the {@code StoreException} (the scan is retried, never decided
 * with unknown settings).
 */
public class DynamoDbBucketSettingsProvider implements BucketSettingsProvider {

	private static final Logger logger = LoggerFactory.getLogger(DynamoDbBucketSettingsProvider.class);

	private final DynamoDbSettingsTable table;

	private final BucketSettings defaults;

	private final VersionedCache<Map<String, StoredBucket>> buckets;

	public DynamoDbBucketSettingsProvider(DynamoDbSettingsTable table, BucketSettings defaults,
			Duration refreshInterval, Clock clock) {
		this.table = table;
		this.defaults = defaults;
		this.buckets = new VersionedCache<>("bucket settings", table::version, this::load, refreshInterval, clock);
	}

	@Override
	public BucketSettings forBucket(String bucket) {
		StoredBucket stored = this.buckets.get().get(bucket);
		return (stored != null) ? stored.settings() : this.defaults;
	}

	@Override
	public boolean protects(String bucket) {
		return this.buckets.get().containsKey(bucket);
	}

	@Override
	public BucketRules rulesFor(String bucket) {
		StoredBucket stored = this.buckets.get().get(bucket);
		return (stored != null) ? stored.rules() : BucketRules.NONE;
	}

	@Override
	public Set<String> quarantineBuckets() {
		return quarantineBuckets(this.buckets.get());
	}

	/** From one state of the table, however often it is reloaded meanwhile. */
	@Override
	public BucketConfiguration configuration(String bucket) {
		Map<String, StoredBucket> buckets = this.buckets.get();
		StoredBucket stored = buckets.get(bucket);
		return new BucketConfiguration(bucket, (stored != null) ? stored.settings() : this.defaults,
				(stored != null) ? stored.rules() : BucketRules.NONE, stored != null,
				quarantineBuckets(buckets).contains(bucket), (stored != null) ? stored.home() : BucketHome.HOME);
	}

	private Set<String> quarantineBuckets(Map<String, StoredBucket> buckets) {
		Set<String> quarantine = new HashSet<>();
		if (this.defaults.quarantineBucket() != null) {
			quarantine.add(this.defaults.quarantineBucket());
		}
		buckets.values()
			.stream()
			.map((bucket) -> bucket.settings().quarantineBucket())
			.filter((name) -> name != null && !name.isBlank())
			.forEach(quarantine::add);
		return quarantine;
	}

	@Override
	public long version() {
		return this.buckets.version();
	}

	/** The protected buckets as last loaded. */
	public Set<String> protectedBuckets() {
		return this.buckets.get().keySet();
	}

	private Map<String, StoredBucket> load(Map<String, StoredBucket> previous) {
		List<StoredBucket> buckets = this.table.buckets();
		logger.info("Bucket settings: {} protected bucket(s) from {}", buckets.size(), this.table.name());
		return buckets.stream().collect(Collectors.toUnmodifiableMap(StoredBucket::bucket, Function.identity()));
	}

}
