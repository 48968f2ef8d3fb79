package dev.bucketwarden.bench.chaos.event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
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
		Tally violations = new Tally();
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
			violations.checked(Invariant.FINAL_RECORD);
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
					violations.add(Invariant.FINAL_RECORD,
							version + ": "
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
			violations.checked(Invariant.FINDINGS);
			if (!"Skipped".equals(record.result()) && (findings == 0 || !record.published())) {
				violations.add(Invariant.FINDINGS, version + ": " + record.result() + " record with " + findings
						+ " findings, published " + record.published());
			}
			duplicates += Math.max(0, findings - 1);
		}
		observed.quarantineCopies().forEach((copy, count) -> {
			ManifestEntry source = bySha.get(copy);
			violations.checked(Invariant.QUARANTINE);
			if (source == null) {
				violations.add(Invariant.QUARANTINE, "quarantine copy of no version the load wrote: " + copy);
			}
			else if (source.expected() != Expected.INFECTED) {
				violations.add(Invariant.QUARANTINE,
						source.version() + ": " + source.expected().label() + " content moved to quarantine");
			}
		});
		return new Outcome(violations.rows(), finals, inDlq, duplicates, toVerdict);
	}

	/** A version's record says what its content is, and a Clean one read all of it. */
	private static void checkVerdict(ManifestEntry entry, Observed.Record record, Tally violations) {
		violations.checked(Invariant.VERDICT);
		String result = record.result();
		String expected = entry.expected().label();
		if ("Clean".equals(result) && entry.expected() != Expected.CLEAN) {
			violations.add(Invariant.VERDICT,
					entry.version() + ": FALSE CLEAN record for " + entry.kind() + " content");
		}
		else if ("Skipped".equals(result)) {
			if (entry.present()) {
				violations.add(Invariant.VERDICT,
						entry.version() + ": Skipped (" + record.reason() + ") though it is still there");
			}
		}
		else if (!result.equals(expected)) {
			violations.add(Invariant.VERDICT,
					entry.version() + ": " + result + " (" + record.reason() + "), expected " + expected);
		}
		if ("Clean".equals(result) && record.size() != entry.size()) {
			violations.add(Invariant.VERDICT,
					entry.version() + ": Clean after " + record.size() + " of " + entry.size() + " bytes");
		}
	}

	/** Tags agree with the record: never a result tag other than the record's. */
	private static void checkTags(ManifestEntry entry, Observed.Record record, Observed observed, Tally violations) {
		violations.checked(Invariant.TAGS);
		String tag = observed.sourceTags().get(entry.version());
		if (tag == null || tag.isEmpty()) {
			// Gone (moved, deleted, overwritten) or not tagged: a Clean version that is
			// still there must carry its tag.
			if (tag != null && "Clean".equals(record.result()) && "TAGGED".equals(record.tagging())) {
				violations.add(Invariant.TAGS,
						entry.version() + ": Clean record says tagged, the version has no scan-result tag");
			}
			return;
		}
		if (!tag.equals(record.result())) {
			violations.add(Invariant.TAGS, entry.version() + ": tagged " + tag + ", recorded " + record.result()
					+ ("Clean".equals(tag) ? " (FALSE CLEAN tag)" : ""));
		}
	}

	/** Infected versions quarantined exactly once, others never moved. */
	private static void checkQuarantine(ManifestEntry entry, Observed.Record record, Observed observed,
			Tally violations) {
		violations.checked(Invariant.QUARANTINE);
		VersionRef version = entry.version();
		int copies = observed.quarantineCopies()
			.getOrDefault(Observed.copyKey(version.bucket(), version.key(), entry.sha256()), 0);
		boolean there = observed.sourceTags().containsKey(version);
		if ("Infected".equals(record.result())) {
			if (copies > 1) {
				violations.add(Invariant.QUARANTINE, version + ": " + copies + " quarantine copies");
			}
			if (entry.present() && (copies != 1 || there)) {
				violations.add(Invariant.QUARANTINE, version + ": infected, " + copies + " quarantine copies, "
						+ (there ? "still in its bucket" : "gone from its bucket"));
			}
		}
		else if (entry.present() && !there) {
			violations.add(Invariant.QUARANTINE, version + ": " + record.result() + " version gone from its bucket");
		}
	}

	/** A version removed before its scan: no copy of it in quarantine, no tag left. */
	private static void checkGoneUntouched(ManifestEntry entry, Observed observed, Tally violations) {
		violations.checked(Invariant.GONE_UNTOUCHED);
		VersionRef version = entry.version();
		String tag = observed.sourceTags().get(version);
		if (tag != null && !tag.isEmpty()) {
			violations.add(Invariant.GONE_UNTOUCHED, version + ": tagged " + tag + " without a record");
		}
	}

	/** The promises, each a row of the run's table. */
	enum Invariant {

		FINAL_RECORD("every version has one final record, or waits in the DLQ with its reason"),

		VERDICT("each final verdict is its content's: no Clean but a complete scan of that version"),

		TAGS("the result tag agrees with the record (an overwritten key keeps no old verdict)"),

		QUARANTINE("infected versions quarantined exactly once, the copy the source's; others never moved"),

		FINDINGS("every record's finding published at least once"),

		GONE_UNTOUCHED("a version removed before any scan carries no result tag");

		final String label;

		Invariant(String label) {
			this.label = label;
		}

	}

	/**
	 * One invariant's tally.
	 *
	 * @param invariant the promise
	 * @param checked how many versions (or quarantine copies) it was checked on
	 * @param violations each breach, one line
	 */
	record Row(Invariant invariant, int checked, List<String> violations) {

		Row {
			violations = List.copyOf(violations);
		}

	}

	/** Counts checks and collects violations per invariant, in the enum's order. */
	private static final class Tally {

		private final Map<Invariant, Integer> checked = new EnumMap<>(Invariant.class);

		private final Map<Invariant, List<String>> violations = new EnumMap<>(Invariant.class);

		void checked(Invariant invariant) {
			this.checked.merge(invariant, 1, Integer::sum);
		}

		void add(Invariant invariant, String violation) {
			this.violations.computeIfAbsent(invariant, (key) -> new ArrayList<>()).add(violation);
		}

		List<Row> rows() {
			List<Row> rows = new ArrayList<>();
			for (Invariant invariant : Invariant.values()) {
				rows.add(new Row(invariant, this.checked.getOrDefault(invariant, 0),
						this.violations.getOrDefault(invariant, List.of())));
			}
			return rows;
		}

	}

	/**
	 * What the checks found.
	 *
	 * @param rows each invariant with its checks and violations
	 * @param finals versions with their final record
	 * @param inDlq versions accounted for by the dead-letter queue
	 * @param duplicateFindings findings beyond the first per version
	 * @param toVerdict each final record's time from the write to its scan
	 */
	record Outcome(List<Row> rows, int finals, int inDlq, long duplicateFindings, List<Duration> toVerdict) {

		Outcome {
			rows = List.copyOf(rows);
			toVerdict = List.copyOf(toVerdict);
		}

		/** Every broken promise, one line each. */
		List<String> violations() {
			return this.rows.stream().flatMap((row) -> row.violations().stream()).toList();
		}

		double percentileSeconds(double percentile) {
			long[] nanos = this.toVerdict.stream().mapToLong(Duration::toNanos).sorted().toArray();
			return Statistics.percentileMillis(nanos, percentile) / 1000.0;
		}

	}

}
