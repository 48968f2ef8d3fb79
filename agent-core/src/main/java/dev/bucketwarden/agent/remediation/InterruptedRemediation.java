package dev.bucketwarden.agent.remediation;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.settings.BucketSettings;

/**
 * What a PENDING remediation came to when its object is gone: an earlier attempt's
 * remediation went through before it could say so, or somebody removed the object first.
 */
final class InterruptedRemediation {

	private static final Logger logger = LoggerFactory.getLogger(InterruptedRemediation.class);

	private final Quarantine quarantine;

	InterruptedRemediation(Quarantine quarantine) {
		this.quarantine = quarantine;
	}

	ScanRecord conclude(ScanRecord record, BucketSettings bucket) {
		return switch (bucket.remediation()) {
			case KEEP -> record.withRemediation(RemediationState.SUPERSEDED, null);
			case DELETE -> record.withRemediation(RemediationState.DELETED, null);
			case QUARANTINE -> concludeQuarantine(record, bucket.quarantineBucket());
		};
	}

	private ScanRecord concludeQuarantine(ScanRecord record, String quarantineBucket) {
		Optional<String> copy = this.quarantine.copyOf(record, quarantineBucket);
		if (copy.isPresent()) {
			return record.withRemediation(RemediationState.QUARANTINED, copy.get());
		}
		logger.warn("s3://{}/{} is gone and has no quarantine copy: removed before it was quarantined", record.bucket(),
				record.key());
		return record.withRemediation(RemediationState.SUPERSEDED, null);
	}

}
