package dev.bucketwarden.store.settings;

import java.util.Objects;

import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import dev.bucketwarden.store.tags.TagSchema;

/**
 * How one protected bucket is handled.
 *
 * @param tagging whether scanned objects are tagged with their result
 * @param tagSchema our tags or GuardDuty's
 * @param remediation what happens to infected objects
 * @param quarantineBucket where quarantined objects go (under
 * {@code <source-bucket>/<key>}); required for {@link Remediation#QUARANTINE}
 * @param maxSize larger objects are unscannable (too large), never clean
 * @param largeObjects what happens to objects larger than the engines scan in one piece
 */
public record BucketSettings(@DefaultValue("true") boolean tagging, @DefaultValue("DEFAULT") TagSchema tagSchema,
		@DefaultValue("KEEP") Remediation remediation, String quarantineBucket, @DefaultValue("5TB") DataSize maxSize,
		@DefaultValue("WINDOWS") LargeObjects largeObjects) {

	@ConstructorBinding
	public BucketSettings {
		Objects.requireNonNull(largeObjects, "largeObjects");
		Objects.requireNonNull(tagSchema, "tagSchema");
		Objects.requireNonNull(remediation, "remediation");
		Objects.requireNonNull(maxSize, "maxSize");
		if (remediation == Remediation.QUARANTINE && (quarantineBucket == null || quarantineBucket.isBlank())) {
			throw new IllegalArgumentException("Remediation QUARANTINE needs a quarantine-bucket");
		}
	}

	/** Settings that scan large objects in parts (the default). */
	public BucketSettings(boolean tagging, TagSchema tagSchema, Remediation remediation, String quarantineBucket,
			DataSize maxSize) {
		this(tagging, tagSchema, remediation, quarantineBucket, maxSize, LargeObjects.WINDOWS);
	}

	/** Defaults for a bucket with the given quarantine bucket. */
	public static BucketSettings quarantineTo(String quarantineBucket) {
		return new BucketSettings(true, TagSchema.DEFAULT, Remediation.QUARANTINE, quarantineBucket,
				DataSize.ofTerabytes(5));
	}

	public BucketSettings withTagSchema(TagSchema tagSchema) {
		return new BucketSettings(this.tagging, tagSchema, this.remediation, this.quarantineBucket, this.maxSize,
				this.largeObjects);
	}

	public BucketSettings withRemediation(Remediation remediation) {
		return new BucketSettings(this.tagging, this.tagSchema, remediation, this.quarantineBucket, this.maxSize,
				this.largeObjects);
	}

	public BucketSettings withTagging(boolean tagging) {
		return new BucketSettings(tagging, this.tagSchema, this.remediation, this.quarantineBucket, this.maxSize,
				this.largeObjects);
	}

	public BucketSettings withLargeObjects(LargeObjects largeObjects) {
		return new BucketSettings(this.tagging, this.tagSchema, this.remediation, this.quarantineBucket, this.maxSize,
				largeObjects);
	}

	public BucketSettings withMaxSize(DataSize maxSize) {
		return new BucketSettings(this.tagging, this.tagSchema, this.remediation, this.quarantineBucket, maxSize,
				this.largeObjects);
	}

}
