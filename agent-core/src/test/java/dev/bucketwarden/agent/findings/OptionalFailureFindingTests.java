package dev.bucketwarden.agent.findings;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.tags.TaggingStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An optional engine's failure is named in the finding (scan-store's
 * OptionalFailureRecordTests keeps it through DynamoDB).
 */
class OptionalFailureFindingTests {

	private final ScanRecord record = new ScanRecord("id-1", "uploads", "a.txt", "v1", "etag", 10, ResultStatus.CLEAN,
			null, null, List.of(),
			List.of(new ScanRecord.EngineRecord("clamav", "Clean", List.of(), null, "ClamAV 1.4.6", "27000", 5, true),
					new ScanRecord.EngineRecord("icap", "Error", List.of(), "UNAVAILABLE: connection refused",
							"unknown", null, 1, false)),
			Instant.parse("2026-11-27T10:00:00Z"), Duration.ofMillis(6), TaggingStatus.TAGGED, RemediationState.NONE,
			null, false, ScanSource.EVENT);

	@Test
	void shouldNameOptionalFailuresInTheFinding() {
		String finding = FindingMessages.finding(this.record);
		assertThat(finding).contains("\"result\":\"Clean\"")
			.contains("\"optionalFailures\":[{")
			.contains("\"engineId\":\"icap\"")
			.contains("UNAVAILABLE: connection refused");
		assertThat(FindingMessages.guardDutyDetail(this.record)).contains("\"optionalFailures\"", "icap");
	}

}
