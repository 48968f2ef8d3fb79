package dev.bucketwarden.agent.remediation;

import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.agent.storage.ObjectInfo;
import dev.bucketwarden.agent.storage.ObjectStore;
import dev.bucketwarden.agent.storage.StorageException;
import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.settings.BucketSettings;
import dev.bucketwarden.store.settings.Remediation;
import dev.bucketwarden.store.tags.TaggingStatus;

/**
 * Quarantines, deletes or keeps an infected object version, as its bucket says. Runs only
 * after the verdict is recorded (as PENDING), so a crash halfway is finished by the next
 * delivery instead of being forgotten.
 */
public class Remediator {

	private static final Logger logger = LoggerFactory.getLogger(Remediator.class);

	private final ObjectStore store;

	public Remediator(ObjectStore store) {
		this.store = store;
	}

	/** What is to be done about a fresh verdict, before anything is done. */
	public static RemediationState decide(ResultStatus status, TaggingStatus tagging, BucketSettings bucket) {
		return switch (status) {
			case INFECTED_ALLOWED -> RemediationState.KEPT;
			case INFECTED -> switch (tagging) {
				// The key holds other content now: nothing of it may be moved for this
				// verdict.
				case SUPERSEDED -> RemediationState.SUPERSEDED;
				default ->
					(bucket.remediation() == Remediation.KEEP) ? RemediationState.KEPT : RemediationState.PENDING;
			};
			case CLEAN, UNSCANNABLE, ERROR, SKIPPED -> RemediationState.NONE;
		};
	}

	/** Carries out a PENDING remediation; the returned record says how it ended. */
	public ScanRecord remediate(ScanRecord record, ObjectInfo object, BucketSettings bucket) {
		if (object.versionId() == null && !this.store.isCurrent(object)) {
			// Unversioned: the key now holds other content, which must not be deleted
			// or moved for this verdict.
			logger.warn("Not remediating s3://{}/{}: overwritten since it was scanned", object.bucket(), object.key());
			return record.withRemediation(RemediationState.SUPERSEDED, null);
		}
		return switch (bucket.remediation()) {
			case KEEP -> record.withRemediation(RemediationState.KEPT, null);
			case DELETE -> {
				this.store.delete(object);
				logger.info("Deleted infected s3://{}/{} version {}", object.bucket(), object.key(),
						object.versionId());
				yield record.withRemediation(RemediationState.DELETED, null);
			}
			case QUARANTINE -> quarantine(record, object, bucket.quarantineBucket());
		};
	}

	/**
	 * The object of a PENDING record is gone: an earlier attempt's remediation went
	 * through before it could say so, or somebody removed the object first.
	 */
	public ScanRecord concludeGone(ScanRecord record, BucketSettings bucket) {
		return switch (bucket.remediation()) {
			case KEEP -> record.withRemediation(RemediationState.SUPERSEDED, null);
			case DELETE -> record.withRemediation(RemediationState.DELETED, null);
			case QUARANTINE -> {
				QuarantineKey target = QuarantineKey.of(record.bucket(), record.key());
				Optional<ObjectInfo> copy = this.store.head(bucket.quarantineBucket(), target.key(), null);
				if (copy.isPresent() && copy.get().size() == record.size()) {
					yield record.withRemediation(RemediationState.QUARANTINED,
							location(bucket.quarantineBucket(), target.key(), copy.get().versionId()));
				}
				logger.warn("s3://{}/{} is gone and has no quarantine copy: removed before it was quarantined",
						record.bucket(), record.key());
				yield record.withRemediation(RemediationState.SUPERSEDED, null);
			}
		};
	}

	private ScanRecord quarantine(ScanRecord record, ObjectInfo object, String quarantineBucket) {
		QuarantineKey target = QuarantineKey.of(object.bucket(), object.key());
		Map<String, String> tags = this.store.tags(object);
		ObjectInfo copy = this.store.copy(object, quarantineBucket, target.key(), tags, target.sourceMetadata());
		boolean multipart = object.eTag().contains("-") || copy.eTag().contains("-");
		if (copy.size() != object.size() || (!multipart && !copy.eTag().equals(object.eTag()))) {
			throw new StorageException("The quarantine copy of s3://" + object.bucket() + "/" + object.key()
					+ " does not match the original (size " + copy.size() + " vs " + object.size() + ")", null);
		}
		this.store.delete(object);
		String location = location(quarantineBucket, target.key(), copy.versionId());
		logger.info("Quarantined infected s3://{}/{} version {} to {}", object.bucket(), object.key(),
				object.versionId(), location);
		return record.withRemediation(RemediationState.QUARANTINED, location);
	}

	private static String location(String bucket, String key, String versionId) {
		return "s3://" + bucket + "/" + key + ((versionId != null) ? "?versionId=" + versionId : "");
	}

}
