package dev.bucketwarden.store.settings;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Settings from configuration: defaults plus per-bucket overrides. */
public class StaticBucketSettingsProvider implements BucketSettingsProvider {

	private final BucketSettings defaults;

	private final Map<String, BucketSettings> buckets;

	public StaticBucketSettingsProvider(BucketSettings defaults, Map<String, BucketSettings> buckets) {
		this.defaults = defaults;
		this.buckets = Map.copyOf(buckets);
	}

	@Override
	public BucketSettings forBucket(String bucket) {
		return this.buckets.getOrDefault(bucket, this.defaults);
	}

	@Override
	public Set<String> quarantineBuckets() {
		Set<String> quarantine = new HashSet<>();
		if (this.defaults.quarantineBucket() != null) {
			quarantine.add(this.defaults.quarantineBucket());
		}
		this.buckets.values()
			.stream()
			.map(BucketSettings::quarantineBucket)
			.filter((name) -> name != null && !name.isBlank())
			.forEach(quarantine::add);
		return quarantine;
	}

}
