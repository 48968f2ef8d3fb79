package dev.bucketwarden.agent.findings;

import org.jspecify.annotations.Nullable;

import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.settings.StoredIntegrations;

/**
 * How a scan record leaves its object version's Security Hub finding: which kind, how
 * severe, active or archived, new or resolved. One switch over the result; the table is
 * in docs/operations.md.
 *
 * @param kind what the finding is about
 * @param result the result label, the severity's {@code Original}
 * @param severity the ASFF severity label
 * @param recordState {@code ACTIVE}, or {@code ARCHIVED} once the finding no longer holds
 * (object removed, clean on rescan)
 * @param workflow {@code NEW}, or {@code RESOLVED}
 * @param title the title's start (the object's URL follows)
 * @param description what the finding means for the reader
 * @param resolvesOnly whether the record only resolves a finding that exists (a Clean
 * rescan): it never creates one
 */
record FindingState(Kind kind, String result, String severity, String recordState, String workflow, String title,
		String description, boolean resolvesOnly) {

	enum Kind {

		MALWARE, UNSCANNABLE, ERROR

	}

	/**
	 * @param replaced the record this one replaced (a rescan's previous record), if known
	 * @return {@code null} when the record has nothing to say to Security Hub
	 */
	static @Nullable FindingState of(ScanRecord record, @Nullable ScanRecord replaced,
			StoredIntegrations.SecurityHub toggle) {
		String label = record.status().label();
		return switch (record.status()) {
			case INFECTED -> removed(record)
					? new FindingState(Kind.MALWARE, label, "HIGH", "ARCHIVED", "RESOLVED", "Malware removed from",
							"The object was " + record.remediation().name().toLowerCase(java.util.Locale.ROOT)
									+ " by BucketWarden: nothing is left to do but find out who uploaded it.",
							false)
					: new FindingState(Kind.MALWARE, label, "CRITICAL", "ACTIVE", "NEW", "Malware in",
							"The object is still in its bucket, tagged; anyone who may read it can download it.",
							false);
			case INFECTED_ALLOWED ->
				new FindingState(Kind.MALWARE, label, "LOW", "ACTIVE", "RESOLVED", "Allow-listed malware in",
						"The bucket's allow-list accepts this detection: the object is kept in place, tagged.", false);
			case UNSCANNABLE -> toggle.unscannable() ? new FindingState(Kind.UNSCANNABLE, label, "MEDIUM", "ACTIVE",
					"NEW", "Unscannable object",
					"No engine could read all of it (too large, encrypted or over the archive limits): it is unverified.",
					false) : null;
			case ERROR -> toggle.errors()
					? new FindingState(Kind.ERROR, label, "LOW", "ACTIVE", "NEW", "Scan failed for",
							"An engine or AWS failed while scanning it; it is unverified until a scan succeeds.", false)
					: null;
			case CLEAN -> {
				FindingState before = (replaced != null) ? of(replaced, null, toggle) : null;
				yield (before != null) ? new FindingState(before.kind(), label, "INFORMATIONAL", "ARCHIVED", "RESOLVED",
						"Clean on rescan:", "A later scan of the same version found nothing.", true) : null;
			}
			case SKIPPED -> null;
		};
	}

	private static boolean removed(ScanRecord record) {
		return record.remediation() == RemediationState.QUARANTINED || record.remediation() == RemediationState.DELETED;
	}

}
