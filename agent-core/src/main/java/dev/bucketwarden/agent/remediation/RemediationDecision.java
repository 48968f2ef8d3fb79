package dev.bucketwarden.agent.remediation;

import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.settings.Remediation;
import dev.bucketwarden.store.tags.TaggingStatus;

/**
 * What is to be done about a fresh verdict, decided before anything is done: the record
 * says PENDING before the object is touched, so an interrupted remediation is finished by
 * the next delivery instead of being forgotten.
 */
final class RemediationDecision {

	private RemediationDecision() {
	}

	static RemediationState forVerdict(ResultStatus status, TaggingStatus tagging, Remediation remediation) {
		return switch (status) {
			case INFECTED_ALLOWED -> RemediationState.KEPT;
			case INFECTED -> forInfected(tagging, remediation);
			case CLEAN, UNSCANNABLE, ERROR, SKIPPED -> RemediationState.NONE;
		};
	}

	/**
	 * The record once its tags are written: writing them may have found other content
	 * under the key, and nothing of that may be moved for this verdict.
	 */
	static ScanRecord afterTagging(ScanRecord record) {
		return switch (record.remediation()) {
			case PENDING -> (record.tagging() == TaggingStatus.SUPERSEDED)
					? record.withRemediation(RemediationState.SUPERSEDED, null) : record;
			case NONE, QUARANTINED, DELETED, KEPT, SUPERSEDED -> record;
		};
	}

	private static RemediationState forInfected(TaggingStatus tagging, Remediation remediation) {
		if (tagging == TaggingStatus.SUPERSEDED) {
			// The key holds other content now: nothing of it may be moved for this
			// verdict.
			return RemediationState.SUPERSEDED;
		}
		return switch (remediation) {
			case KEEP -> RemediationState.KEPT;
			case QUARANTINE, DELETE -> RemediationState.PENDING;
		};
	}

}
