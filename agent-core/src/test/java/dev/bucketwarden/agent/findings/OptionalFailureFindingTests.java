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

	/** Infected by the required engine while the optional Sophos engine was down. */
	private final ScanRecord record = new ScanRecord("id-2", "invoices", "b.pdf", "v7", "etag-b", 2048,
			ResultStatus.INFECTED, null, null, List.of("Eicar-Test-Signature"),
			List.of(new ScanRecord.EngineRecord("clamav", "Infected", List.of("Eicar-Test-Signature"), null,
					"ClamAV 1.4.6", "27000", 9, true),
					new ScanRecord.EngineRecord("sophos", "Error", List.of(), "TIMEOUT: no answer in 30s", "unknown",
							null, 30000, false)),
			Instant.parse("2026-11-28T08:30:00Z"), Duration.ofSeconds(30), TaggingStatus.TAGGED,
			RemediationState.QUARANTINED, "s3://quarantine/invoices/b.pdf", true, ScanSource.RETRO);

	@Test
	void shouldNameOptionalFailuresInTheFinding() {
		String finding = FindingMessages.finding(this.record);
		assertThat(finding).contains("\"result\":\"Infected\"")
			.contains("\"optionalFailures\":[{")
			.contains("\"engineId\":\"sophos\"")
			.contains("TIMEOUT: no answer in 30s");
		assertThat(FindingMessages.guardDutyDetail(this.record)).contains("\"optionalFailures\"", "sophos");
	}

}
