package dev.bucketwarden.agent.remediation;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.agent.storage.ObjectInfo;
import dev.bucketwarden.agent.storage.ObjectStore;
import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.settings.BucketSettings;
import dev.bucketwarden.store.tags.TaggingStatus;

/**
 * Quarantines, deletes or keeps an infected object version, as its bucket says. Runs only
 * after the verdict is recorded (as PENDING), so a crash halfway is finished by the next
 * delivery instead of being forgotten. The pipeline asks it what to record
 * ({@link #decide}, {@link #afterTagging}) and then to finish what the record owes
 * ({@link #complete}); each decision is a small class of this package.
 */
public class Remediator {

	private static final Logger logger = LoggerFactory.getLogger(Remediator.class);

	private final ObjectStore store;

	private final Quarantine quarantine;

	private final InterruptedRemediation interrupted;

	public Remediator(ObjectStore store) {
		this.store = store;
		this.quarantine = new Quarantine(store);
		this.interrupted = new InterruptedRemediation(this.quarantine);
	}

	/** What is to be done about a fresh verdict, before anything is done. */
	public static RemediationState decide(ResultStatus status, TaggingStatus tagging, BucketSettings bucket) {
		return RemediationDecision.forVerdict(status, tagging, bucket.remediation());
	}

	/**
	 * The record once its tags were written with the status it now has: a pending
	 * remediation is superseded when the tags found other content under the key.
	 */
	public static ScanRecord afterTagging(ScanRecord record) {
		return RemediationDecision.afterTagging(record);
	}

	/**
	 * Finishes the remediation the record still owes, if any.
	 * @param object the scanned version, or {@code null} when it is gone (quarantined or
	 * deleted by an earlier attempt, or removed by somebody)
	 * @return the record saying how the remediation ended, or empty when none was due
	 */
	public Optional<ScanRecord> complete(ScanRecord record, ObjectInfo object, BucketSettings bucket) {
		return switch (record.remediation()) {
			case PENDING ->
				Optional.of((object != null) ? remediate(record, object, bucket) : concludeGone(record, bucket));
			case NONE, QUARANTINED, DELETED, KEPT, SUPERSEDED -> Optional.empty();
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
			case QUARANTINE -> this.quarantine.move(record, object, bucket.quarantineBucket());
		};
	}

	/**
	 * The object of a PENDING record is gone: an earlier attempt's remediation went
	 * through before it could say so, or somebody removed the object first.
	 */
	public ScanRecord concludeGone(ScanRecord record, BucketSettings bucket) {
		return this.interrupted.conclude(record, bucket);
	}

}
