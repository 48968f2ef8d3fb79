package dev.bucketwarden.console.buckets;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.util.unit.DataSize;

import dev.bucketwarden.console.web.Formats;
import dev.bucketwarden.store.settings.BucketRules;
import dev.bucketwarden.store.settings.BucketSettings;
import dev.bucketwarden.store.settings.Remediation;
import dev.bucketwarden.store.settings.StoredBucket;
import dev.bucketwarden.store.tags.TagSchema;

/**
 * A protected bucket's settings as the API takes them; missing values get the defaults
 * (tagging on, default schema, keep, 5TB: S3's largest object).
 *
 * @param tagging whether objects are tagged with their result
 * @param tagSchema DEFAULT or GUARDDUTY
 * @param remediation QUARANTINE, DELETE or KEEP
 * @param quarantineBucket required for QUARANTINE
 * @param maxSize such as {@code 5GB}; larger objects are Unscannable
 * @param skipPrefixes keys with these prefixes are not scanned
 * @param skipSuffixes keys with these suffixes are not scanned
 * @param allowList sha256 digests or signature names recorded as InfectedAllowed
 * @param engines engine ids in order: the engines of the agents' configured chain that
 * scan this bucket (empty: the agents' whole chain)
 */
public record BucketRequest(Boolean tagging, TagSchema tagSchema, Remediation remediation, String quarantineBucket,
		String maxSize, List<String> skipPrefixes, List<String> skipSuffixes, List<String> allowList,
		List<String> engines) {

	private static final Pattern ENGINE_ID = Pattern.compile("[a-z0-9-]+");

	/**
	 * The stored form.
	 * @throws IllegalArgumentException when the values do not fit together
	 */
	StoredBucket toStored(String bucket, Instant at, String by) {
		DataSize size;
		try {
			size = (this.maxSize == null || this.maxSize.isBlank()) ? DataSize.ofTerabytes(5)
					: DataSize.parse(this.maxSize.strip().toUpperCase(java.util.Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Max size must look like 5GB or 500MB: " + this.maxSize);
		}
		if (size.toBytes() <= 0) {
			throw new IllegalArgumentException("Max size must be positive");
		}
		String quarantine = (this.quarantineBucket == null || this.quarantineBucket.isBlank()) ? null
				: this.quarantineBucket.strip();
		if (bucket.equals(quarantine)) {
			throw new IllegalArgumentException("A bucket cannot be its own quarantine bucket");
		}
		BucketSettings settings = new BucketSettings(this.tagging == null || this.tagging,
				(this.tagSchema != null) ? this.tagSchema : TagSchema.DEFAULT,
				(this.remediation != null) ? this.remediation : Remediation.KEEP, quarantine, size);
		return new StoredBucket(bucket, settings,
				new BucketRules(this.skipPrefixes, this.skipSuffixes, this.allowList, engines(this.engines)), at, by);
	}

	/**
	 * Checks the ids' form only: agents may run engines of their own, and an agent that
	 * does not run one records its scans as Error (never Clean).
	 */
	private static List<String> engines(List<String> engines) {
		if (engines == null) {
			return List.of();
		}
		List<String> ids = new java.util.ArrayList<>();
		for (String engine : engines) {
			String id = (engine != null) ? engine.strip() : "";
			if (!ENGINE_ID.matcher(id).matches()) {
				throw new IllegalArgumentException(
						"Engine ids are lower-case letters, digits and '-' (such as clamav, sophos, icap, premium): '"
								+ id + "'");
			}
			if (ids.contains(id)) {
				throw new IllegalArgumentException("Engine '" + id + "' is listed twice");
			}
			ids.add(id);
		}
		return ids;
	}

	static BucketRequest of(StoredBucket stored) {
		BucketSettings settings = stored.settings();
		return new BucketRequest(settings.tagging(), settings.tagSchema(), settings.remediation(),
				settings.quarantineBucket(), Formats.size(settings.maxSize()), stored.rules().skipPrefixes(),
				stored.rules().skipSuffixes(), stored.rules().allowList(), stored.rules().engines());
	}

}
