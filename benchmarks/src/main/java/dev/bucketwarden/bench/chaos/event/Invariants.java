package dev.bucketwarden.bench.chaos.event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.bucketwarden.bench.support.Statistics;

/**
 * The promises of issue 19 section 1, checked over every version of the manifest against
 * what the servers hold after a drain. Pure: the runner reads the servers, this only
 * compares, so each check is tested on hand-made inputs.
 */
final class Invariants {

	private Invariants() {
	}

	/**
	 * Checks every invariant.
	 * @param manifest every version the load wrote
	 * @param observed what the servers hold
	 * @param dlqAllowed whether a version may still wait in the dead-letter queue (before
	 * the redrive) instead of having its final record
	 */
	static Outcome check(List<ManifestEntry> manifest, Observed observed, boolean dlqAllowed) {
		List<String> violations = new ArrayList<>();
		List<Duration> toVerdict = new ArrayList<>();
		int finals = 0;
		int inDlq = 0;
		long duplicates = 0;
		Map<String, ManifestEntry> bySha = new HashMap<>();
		for (ManifestEntry entry : manifest) {
			bySha.put(Observed.copyKey(entry.version().bucket(), entry.version().key(), entry.sha256()), entry);
			VersionRef version = entry.version();
			Observed.Record record = observed.records().get(version);
			boolean dead = observed.deadLetters().contains(Observed.objectKey(version.bucket(), version.key()));
			if (record == null || !record.isFinal()) {
				if (dlqAllowed && dead && record != null && record.reason() != null && !record.reason().isBlank()) {
					inDlq++;
				}
				else if (!entry.present() && record == null) {
					// Deleted or overwritten before any scan could read it: nothing to
					// record is acceptable only when nothing of it remains.
					checkGoneUntouched(entry, observed, violations);
				}
				else {
					violations.add(version + ": "
							+ ((record == null) ? "no record"
									: "no final record (" + record.result() + ": " + record.reason() + ")")
							+ (dead ? ", in the DLQ" : ""));
				}
				continue;
			}
			finals++;
			toVerdict.add(Duration.between(entry.written(), record.scannedAt()));
			checkVerdict(entry, record, violations);
			checkTags(entry, record, observed, violations);
			checkQuarantine(entry, record, observed, violations);
			int findings = observed.findings().getOrDefault(version, 0);
			if (!"Skipped".equals(record.result()) && (findings == 0 || !record.published())) {
				violations.add(version + ": " + record.result() + " record with " + findings + " findings, published "
						+ record.published());
			}
			duplicates += Math.max(0, findings - 1);
		}
		observed.quarantineCopies().forEach((copy, count) -> {
			ManifestEntry source = bySha.get(copy);
			if (source == null) {
				violations.add("quarantine copy of no version the load wrote: " + copy);
			}
			else if (source.expected() != Expected.INFECTED) {
				violations.add(source.version() + ": " + source.expected().label() + " content moved to quarantine");
			}
		});
		return new Outcome(violations, finals, inDlq, duplicates, toVerdict);
	}

	/** A version's record says what its content is, and a Clean one read all of it. */
	private static void checkVerdict(ManifestEntry entry, Observed.Record record, List<String> violations) {
		String result = record.result();
		String expected = entry.expected().label();
		if ("Clean".equals(result) && entry.expected() != Expected.CLEAN) {
			violations.add(entry.version() + ": FALSE CLEAN record for " + entry.kind() + " content");
		}
		else if ("Skipped".equals(result)) {
			if (entry.present()) {
				violations.add(entry.version() + ": Skipped (" + record.reason() + ") though it is still there");
			}
		}
		else if (!result.equals(expected)) {
			violations.add(entry.version() + ": " + result + " (" + record.reason() + "), expected " + expected);
		}
		if ("Clean".equals(result) && record.size() != entry.size()) {
			violations.add(entry.version() + ": Clean after " + record.size() + " of " + entry.size() + " bytes");
		}
	}

	/** Tags agree with the record: never a result tag other than the record's. */
	private static void checkTags(ManifestEntry entry, Observed.Record record, Observed observed,
			List<String> violations) {
		String tag = observed.sourceTags().get(entry.version());
		if (tag == null || tag.isEmpty()) {
			// Gone (moved, deleted, overwritten) or not tagged: a Clean version that is
			// still there must carry its tag.
			if (tag != null && "Clean".equals(record.result()) && "TAGGED".equals(record.tagging())) {
				violations.add(entry.version() + ": Clean record says tagged, the version has no scan-result tag");
			}
			return;
		}
		if (!tag.equals(record.result())) {
			violations.add(entry.version() + ": tagged " + tag + ", recorded " + record.result()
					+ ("Clean".equals(tag) ? " (FALSE CLEAN tag)" : ""));
		}
	}

	/** Infected versions quarantined exactly once, others never moved. */
	private static void checkQuarantine(ManifestEntry entry, Observed.Record record, Observed observed,
			List<String> violations) {
		VersionRef version = entry.version();
		int copies = observed.quarantineCopies()
			.getOrDefault(Observed.copyKey(version.bucket(), version.key(), entry.sha256()), 0);
		boolean there = observed.sourceTags().containsKey(version);
		if ("Infected".equals(record.result())) {
			if (copies > 1) {
				violations.add(version + ": " + copies + " quarantine copies");
			}
			if (entry.present() && (copies != 1 || there)) {
				violations.add(version + ": infected, " + copies + " quarantine copies, "
						+ (there ? "still in its bucket" : "gone from its bucket"));
			}
		}
		else if (entry.present() && !there) {
			violations.add(version + ": " + record.result() + " version gone from its bucket");
		}
	}

	/** A version removed before its scan: no copy of it in quarantine, no tag left. */
	private static void checkGoneUntouched(ManifestEntry entry, Observed observed, List<String> violations) {
		VersionRef version = entry.version();
		String tag = observed.sourceTags().get(version);
		if (tag != null && !tag.isEmpty()) {
			violations.add(version + ": tagged " + tag + " without a record");
		}
	}

	/**
	 * What the checks found.
	 *
	 * @param violations every broken promise, one line each
	 * @param finals versions with their final record
	 * @param inDlq versions accounted for by the dead-letter queue
	 * @param duplicateFindings findings beyond the first per version
	 * @param toVerdict each final record's time from the write to its scan
	 */
	record Outcome(List<String> violations, int finals, int inDlq, long duplicateFindings, List<Duration> toVerdict) {

		Outcome {
			violations = List.copyOf(violations);
			toVerdict = List.copyOf(toVerdict);
		}

		double percentileSeconds(double percentile) {
			long[] nanos = this.toVerdict.stream().mapToLong(Duration::toNanos).sorted().toArray();
			return Statistics.percentileMillis(nanos, percentile) / 1000.0;
		}

	}

}
