package dev.bucketwarden.bench.chaos.event;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each invariant of the chaos run on hand-made inputs: it holds, and it can fail. */
class InvariantsTests {

	private static final Instant WRITTEN = Instant.parse("2026-12-06T10:00:00Z");

	private static final ManifestEntry CLEAN = entry("b", "clean.bin", "v1", "e1", "sha-clean", 100, ContentKind.RANDOM,
			false, false);

	private static final ManifestEntry INFECTED = entry("b", "eicar.txt", "v2", "e2", "sha-eicar", 70,
			ContentKind.EICAR, false, false);

	private static final ManifestEntry ENCRYPTED = entry("b", "secret.zip", "v3", "e3", "sha-zip", 300,
			ContentKind.ENCRYPTED_ZIP, false, false);

	private static final ManifestEntry DELETED = entry("p", "gone.bin", null, "e4", "sha-gone", 10, ContentKind.RANDOM,
			false, true);

	private final Map<VersionRef, Observed.Record> records = new HashMap<>();

	private final Map<VersionRef, String> tags = new HashMap<>();

	private final Map<String, Integer> copies = new HashMap<>();

	private final Map<VersionRef, Integer> findings = new HashMap<>();

	private final Set<String> deadLetters = new HashSet<>();

	InvariantsTests() {
		// A run that kept every promise: Clean and Unscannable tagged in place, the
		// infected version quarantined once and gone, the deleted one skipped.
		verdict(CLEAN, "Clean", 100);
		this.tags.put(CLEAN.version(), "Clean");
		verdict(ENCRYPTED, "Unscannable", 300);
		this.tags.put(ENCRYPTED.version(), "Unscannable");
		verdict(INFECTED, "Infected", 70);
		this.copies.put(Observed.copyKey("b", "eicar.txt", "sha-eicar"), 1);
		this.records.put(DELETED.version(), record("Skipped", 0, false));
	}

	@Test
	void shouldFindNothingWhenEveryPromiseIsKept() {
		Invariants.Outcome outcome = check(false);

		assertThat(outcome.violations()).isEmpty();
		assertThat(outcome.finals()).isEqualTo(4);
		assertThat(outcome.duplicateFindings()).isZero();
		assertThat(outcome.rows()).extracting(Invariants.Row::invariant).containsExactly(Invariants.Invariant.values());
	}

	@Test
	void shouldCountAViolationInItsInvariantsRow() {
		this.records.put(CLEAN.version(), record("Clean", 50, true));

		Invariants.Outcome outcome = check(false);

		assertThat(outcome.rows()).filteredOn((row) -> !row.violations().isEmpty()).singleElement().satisfies((row) -> {
			assertThat(row.invariant()).isEqualTo(Invariants.Invariant.VERDICT);
			assertThat(row.checked()).isEqualTo(4);
		});
	}

	@Test
	void shouldReportACleanRecordForInfectedContent() {
		this.records.put(INFECTED.version(), record("Clean", 70, true));

		assertThat(check(false).violations()).anyMatch((violation) -> violation.contains("FALSE CLEAN record"));
	}

	@Test
	void shouldReportACleanVerdictOnPartOfTheContent() {
		this.records.put(CLEAN.version(), record("Clean", 50, true));

		assertThat(check(false).violations()).containsExactly(CLEAN.version() + ": Clean after 50 of 100 bytes");
	}

	@Test
	void shouldReportACleanTagThatNoRecordJustifies() {
		verdict(ENCRYPTED, "Unscannable", 300);
		this.tags.put(ENCRYPTED.version(), "Clean");

		assertThat(check(false).violations()).anyMatch((violation) -> violation.contains("FALSE CLEAN tag"));
	}

	@Test
	void shouldReportAVersionWithoutAFinalRecord() {
		this.records.put(CLEAN.version(), record("Error", 0, true));

		assertThat(check(false).violations()).anyMatch((violation) -> violation.contains("no final record"));
	}

	@Test
	void shouldAccountForAVersionInTheDeadLetterQueueOnlyBeforeTheRedrive() {
		this.records.put(CLEAN.version(), record("Error", 0, true));
		this.deadLetters.add(Observed.objectKey("b", "clean.bin"));

		assertThat(check(true).violations()).isEmpty();
		assertThat(check(true).inDlq()).isOne();
		assertThat(check(false).violations()).isNotEmpty();
	}

	@Test
	void shouldReportADeadLetterWithoutAReason() {
		this.records.remove(CLEAN.version());
		this.deadLetters.add(Observed.objectKey("b", "clean.bin"));

		assertThat(check(true).violations()).anyMatch((violation) -> violation.contains("no record, in the DLQ"));
	}

	@Test
	void shouldReportAnInfectedVersionQuarantinedTwiceOrLeftInPlace() {
		this.copies.put(Observed.copyKey("b", "eicar.txt", "sha-eicar"), 2);
		assertThat(check(false).violations()).anyMatch((violation) -> violation.contains("2 quarantine copies"));

		this.copies.put(Observed.copyKey("b", "eicar.txt", "sha-eicar"), 1);
		this.tags.put(INFECTED.version(), "Infected");
		assertThat(check(false).violations()).anyMatch((violation) -> violation.contains("still in its bucket"));
	}

	@Test
	void shouldReportCleanContentMovedToQuarantine() {
		this.copies.put(Observed.copyKey("b", "clean.bin", "sha-clean"), 1);
		this.tags.remove(CLEAN.version());

		assertThat(check(false).violations()).contains(CLEAN.version() + ": Clean content moved to quarantine",
				CLEAN.version() + ": Clean version gone from its bucket");
	}

	@Test
	void shouldReportAVerdictWithoutItsFindingAndCountDuplicates() {
		this.findings.remove(ENCRYPTED.version());
		this.findings.put(CLEAN.version(), 3);

		Invariants.Outcome outcome = check(false);

		assertThat(outcome.violations())
			.containsExactly(ENCRYPTED.version() + ": Unscannable record with 0 findings, published true");
		assertThat(outcome.duplicateFindings()).isEqualTo(2);
	}

	@Test
	void shouldReportAnOverwrittenKeyTaggedWithTheOldVerdict() {
		ManifestEntry old = entry("p", "over.bin", null, "old", "sha-old", 70, ContentKind.EICAR, true, false);
		ManifestEntry current = entry("p", "over.bin", null, "new", "sha-new", 10, ContentKind.RANDOM, false, false);
		this.records.put(old.version(), record("Skipped", 0, false));
		verdict(current, "Clean", 10);
		this.tags.put(current.version(), "Infected");

		Invariants.Outcome outcome = Invariants.check(List.of(CLEAN, INFECTED, ENCRYPTED, DELETED, old, current),
				observed(), false);

		assertThat(outcome.violations()).containsExactly(current.version() + ": tagged Infected, recorded Clean");
	}

	@Test
	void shouldReportAStillPresentVersionThatWasSkipped() {
		this.records.put(CLEAN.version(), record("Skipped", 0, false));

		assertThat(check(false).violations()).anyMatch((violation) -> violation.contains("Skipped"));
	}

	private Invariants.Outcome check(boolean dlqAllowed) {
		return Invariants.check(List.of(CLEAN, INFECTED, ENCRYPTED, DELETED), observed(), dlqAllowed);
	}

	private Observed observed() {
		return new Observed(this.records, this.tags, this.copies, this.findings, this.deadLetters);
	}

	private void verdict(ManifestEntry entry, String result, long size) {
		this.records.put(entry.version(), record(result, size, true));
		this.findings.put(entry.version(), 1);
	}

	private static Observed.Record record(String result, long size, boolean published) {
		return new Observed.Record("id-" + result, result, "Error".equals(result) ? "engine down" : null, size,
				"TAGGED", "NONE", published, WRITTEN.plusSeconds(2));
	}

	private static ManifestEntry entry(String bucket, String key, String versionId, String eTag, String sha, long size,
			ContentKind kind, boolean overwritten, boolean deleted) {
		return new ManifestEntry(VersionRef.of(bucket, key, versionId, eTag), sha, size, kind, overwritten, deleted,
				false, WRITTEN);
	}

}
