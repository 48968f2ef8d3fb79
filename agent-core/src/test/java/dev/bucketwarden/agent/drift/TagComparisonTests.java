package dev.bucketwarden.agent.drift;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.bucketwarden.store.drift.DriftKind;
import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.tags.TaggingStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tags against records, in both tag schemas: every drift kind, the records that wrote no
 * tag, and the objects that have neither.
 */
class TagComparisonTests {

	@Test
	void shouldFindMatchingTagsConsistentInEitherSchema() {
		for (ResultStatus status : List.of(ResultStatus.CLEAN, ResultStatus.INFECTED, ResultStatus.INFECTED_ALLOWED,
				ResultStatus.UNSCANNABLE, ResultStatus.ERROR)) {
			assertThat(compare(Map.of("scan-result", status.label(), "owner", "finance"), record(status)))
				.as(status.label())
				.isEqualTo(new TagCheck.Consistent());
			assertThat(compare(Map.of("GuardDutyMalwareScanStatus", status.guardDutyValue(null)), record(status)))
				.as(status.guardDutyValue(null))
				.isEqualTo(new TagCheck.Consistent());
		}
	}

	@Test
	void shouldTakeAccessDeniedAsTheGuardDutyValueOfAnAccessDeniedError() {
		ScanRecord denied = record(ResultStatus.ERROR, TaggingStatus.TAGGED, "ACCESS_DENIED");

		assertThat(compare(Map.of("GuardDutyMalwareScanStatus", "ACCESS_DENIED"), denied))
			.isEqualTo(new TagCheck.Consistent());
		assertThat(compare(Map.of("GuardDutyMalwareScanStatus", "FAILED"), denied)).isEqualTo(new TagCheck.Drifted(
				DriftKind.RESULT_CHANGED, "GuardDutyMalwareScanStatus=FAILED", ResultStatus.ERROR));
	}

	@Test
	void shouldCallACleanTagOnAnInfectedRecordForged() {
		assertThat(compare(Map.of("scan-result", "Clean"), record(ResultStatus.INFECTED)))
			.isEqualTo(new TagCheck.Drifted(DriftKind.FORGED_RESULT, "scan-result=Clean", ResultStatus.INFECTED));
		assertThat(compare(Map.of("GuardDutyMalwareScanStatus", "NO_THREATS_FOUND"), record(ResultStatus.ERROR)))
			.isEqualTo(new TagCheck.Drifted(DriftKind.FORGED_RESULT, "GuardDutyMalwareScanStatus=NO_THREATS_FOUND",
					ResultStatus.ERROR));
	}

	@Test
	void shouldCallAResultTagWithoutAnyRecordForged() {
		assertThat(compare(Map.of("scan-result", "Infected"), null))
			.isEqualTo(new TagCheck.Drifted(DriftKind.FORGED_RESULT, "scan-result=Infected", null));
		assertThat(compare(Map.of("GuardDutyMalwareScanStatus", "NO_THREATS_FOUND"), null)).isEqualTo(
				new TagCheck.Drifted(DriftKind.FORGED_RESULT, "GuardDutyMalwareScanStatus=NO_THREATS_FOUND", null));
	}

	@Test
	void shouldCallAnyOtherDisagreementChanged() {
		assertThat(compare(Map.of("scan-result", "InfectedAllowed"), record(ResultStatus.INFECTED))).isEqualTo(
				new TagCheck.Drifted(DriftKind.RESULT_CHANGED, "scan-result=InfectedAllowed", ResultStatus.INFECTED));
		assertThat(compare(Map.of("scan-result", "Infected"), record(ResultStatus.CLEAN)))
			.isEqualTo(new TagCheck.Drifted(DriftKind.RESULT_CHANGED, "scan-result=Infected", ResultStatus.CLEAN));
		assertThat(compare(Map.of("GuardDutyMalwareScanStatus", "UNSUPPORTED"), record(ResultStatus.INFECTED)))
			.isEqualTo(new TagCheck.Drifted(DriftKind.RESULT_CHANGED, "GuardDutyMalwareScanStatus=UNSUPPORTED",
					ResultStatus.INFECTED));
	}

	@Test
	void shouldCallAMissingTagOfATaggedRecordRemoved() {
		assertThat(compare(Map.of("owner", "finance"), record(ResultStatus.INFECTED)))
			.isEqualTo(new TagCheck.Drifted(DriftKind.RESULT_REMOVED, null, ResultStatus.INFECTED));
		assertThat(compare(Map.of(), record(ResultStatus.CLEAN)))
			.isEqualTo(new TagCheck.Drifted(DriftKind.RESULT_REMOVED, null, ResultStatus.CLEAN));
		assertThat(compare(Map.of(), record(ResultStatus.INFECTED, TaggingStatus.PARTIAL, null)))
			.as("PARTIAL: the result tag was written, others did not fit")
			.isEqualTo(new TagCheck.Drifted(DriftKind.RESULT_REMOVED, null, ResultStatus.INFECTED));
	}

	@ParameterizedTest
	@EnumSource(value = TaggingStatus.class, names = { "TAGGED", "PARTIAL" }, mode = EnumSource.Mode.EXCLUDE)
	void shouldExpectNoTagWhereTheRecordSaysNoneWasWritten(TaggingStatus tagging) {
		ScanRecord infected = record(ResultStatus.INFECTED, tagging, null);

		assertThat(compare(Map.of(), infected)).isEqualTo(new TagCheck.Consistent());
		assertThat(compare(Map.of("scan-result", "Infected"), infected)).isEqualTo(new TagCheck.Consistent());
		assertThat(compare(Map.of("scan-result", "Clean"), infected))
			.as("a tag nobody of ours wrote is drift all the same")
			.isEqualTo(new TagCheck.Drifted(DriftKind.FORGED_RESULT, "scan-result=Clean", ResultStatus.INFECTED));
	}

	@Test
	void shouldExpectNoTagOnASkippedRecord() {
		ScanRecord skipped = record(ResultStatus.SKIPPED, TaggingStatus.TAGGED, null);

		assertThat(compare(Map.of(), skipped)).isEqualTo(new TagCheck.Consistent());
		assertThat(compare(Map.of("scan-result", "Clean"), skipped))
			.isEqualTo(new TagCheck.Drifted(DriftKind.FORGED_RESULT, "scan-result=Clean", ResultStatus.SKIPPED));
		assertThat(compare(Map.of("scan-result", "Skipped"), skipped)).as("never a tag value")
			.isEqualTo(new TagCheck.Drifted(DriftKind.RESULT_CHANGED, "scan-result=Skipped", ResultStatus.SKIPPED));
	}

	@Test
	void shouldReportTheForgedCleanOfTwoDisagreeingTags() {
		Map<String, String> both = Map.of("scan-result", "Error", "GuardDutyMalwareScanStatus", "NO_THREATS_FOUND");

		assertThat(compare(both, record(ResultStatus.INFECTED))).isEqualTo(new TagCheck.Drifted(DriftKind.FORGED_RESULT,
				"GuardDutyMalwareScanStatus=NO_THREATS_FOUND", ResultStatus.INFECTED));
	}

	@Test
	void shouldCallAnObjectWithNeitherRecordNorTagUnscanned() {
		assertThat(compare(Map.of("owner", "finance", "scan-date", "2026-01-01T00:00:00Z"), null))
			.isEqualTo(new TagCheck.Unscanned());
	}

	private static TagCheck compare(Map<String, String> tags, ScanRecord record) {
		return TagComparison.compare(tags, Optional.ofNullable(record));
	}

	private static ScanRecord record(ResultStatus status) {
		return record(status, TaggingStatus.TAGGED, null);
	}

	private static ScanRecord record(ResultStatus status, TaggingStatus tagging, String errorKind) {
		return new ScanRecord("id-1", "uploads", "a.txt", "v1", "etag", 10, status, null, errorKind, List.of(),
				List.of(), Instant.parse("2026-11-27T10:00:00Z"), Duration.ofMillis(6), tagging, RemediationState.NONE,
				null, false, ScanSource.RETRO);
	}

}
