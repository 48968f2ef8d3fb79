package dev.bucketwarden.agent.remediation;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.agent.storage.ObjectInfo;
import dev.bucketwarden.agent.storage.ObjectStore;
import dev.bucketwarden.agent.storage.StorageException;
import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ScanRecord;

/**
 * Moves an infected version to the quarantine bucket: a verified copy (with the source's
 * tags and metadata) first, the original deleted only after, so a crash in between leaves
 * two copies, never none.
 */
final class Quarantine {

	private static final Logger logger = LoggerFactory.getLogger(Quarantine.class);

	private final ObjectStore store;

	Quarantine(ObjectStore store) {
		this.store = store;
	}

	ScanRecord move(ScanRecord record, ObjectInfo object, String quarantineBucket) {
		QuarantineKey target = QuarantineKey.of(object.bucket(), object.key());
		ObjectInfo copy = earlierCopy(object, quarantineBucket, target.key()).orElseGet(() -> this.store.copy(object,
				quarantineBucket, target.key(), this.store.tags(object), target.sourceMetadata()));
		if (!CopyVerification.matches(object, copy)) {
			throw new StorageException("The quarantine copy of s3://" + object.bucket() + "/" + object.key()
					+ " does not match the original (size " + copy.size() + " vs " + object.size() + ")", null);
		}
		this.store.delete(object);
		String location = location(quarantineBucket, target.key(), copy.versionId());
		logger.info("Quarantined infected s3://{}/{} version {} to {}", object.bucket(), object.key(),
				object.versionId(), location);
		return record.withRemediation(RemediationState.QUARANTINED, location);
	}

	/**
	 * The copy an earlier attempt made of this very content when that attempt failed
	 * after the copy (its delete failed, or it ended before it): copying again would
	 * quarantine the version twice. Only a single-part ETag (the content's MD5) proves
	 * the content, so an object stored in parts is copied again, as before.
	 */
	private Optional<ObjectInfo> earlierCopy(ObjectInfo object, String quarantineBucket, String key) {
		if (object.eTag().contains("-")) {
			return Optional.empty();
		}
		return this.store.head(quarantineBucket, key, null)
			.filter((copy) -> copy.size() == object.size() && copy.eTag().equals(object.eTag()));
	}

	/**
	 * Where the copy of the record's object is, when an earlier attempt made one of its
	 * size.
	 */
	Optional<String> copyOf(ScanRecord record, String quarantineBucket) {
		QuarantineKey target = QuarantineKey.of(record.bucket(), record.key());
		return this.store.head(quarantineBucket, target.key(), null)
			.filter((copy) -> copy.size() == record.size())
			.map((copy) -> location(quarantineBucket, target.key(), copy.versionId()));
	}

	private static String location(String bucket, String key, String versionId) {
		return "s3://" + bucket + "/" + key + ((versionId != null) ? "?versionId=" + versionId : "");
	}

}
