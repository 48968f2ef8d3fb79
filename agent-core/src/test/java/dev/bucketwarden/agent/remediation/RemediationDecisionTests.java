package dev.bucketwarden.agent.remediation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.settings.Remediation;
import dev.bucketwarden.store.tags.TaggingStatus;

import static org.assertj.core.api.Assertions.assertThat;

class RemediationDecisionTests {

	@ParameterizedTest
	@EnumSource(value = ResultStatus.class, names = { "CLEAN", "UNSCANNABLE", "ERROR", "SKIPPED" })
	void shouldLeaveAnythingButAFindingAlone(ResultStatus status) {
		assertThat(RemediationDecision.forVerdict(status, TaggingStatus.TAGGED, Remediation.QUARANTINE))
			.isEqualTo(RemediationState.NONE);
	}

	@Test
	void shouldKeepAnAllowListedFinding() {
		assertThat(RemediationDecision.forVerdict(ResultStatus.INFECTED_ALLOWED, TaggingStatus.TAGGED,
				Remediation.QUARANTINE))
			.isEqualTo(RemediationState.KEPT);
	}

	@Test
	void shouldLeaveAFindingPendingUntilItIsMovedOrDeleted() {
		assertThat(RemediationDecision.forVerdict(ResultStatus.INFECTED, TaggingStatus.TAGGED, Remediation.QUARANTINE))
			.isEqualTo(RemediationState.PENDING);
		assertThat(RemediationDecision.forVerdict(ResultStatus.INFECTED, TaggingStatus.DISABLED, Remediation.DELETE))
			.isEqualTo(RemediationState.PENDING);
		assertThat(RemediationDecision.forVerdict(ResultStatus.INFECTED, TaggingStatus.TAGGED, Remediation.KEEP))
			.isEqualTo(RemediationState.KEPT);
	}

	@Test
	void shouldNotMoveAFindingWhoseKeyHoldsOtherContent() {
		assertThat(
				RemediationDecision.forVerdict(ResultStatus.INFECTED, TaggingStatus.SUPERSEDED, Remediation.QUARANTINE))
			.isEqualTo(RemediationState.SUPERSEDED);
		ScanRecord pending = record(RemediationState.PENDING, TaggingStatus.SUPERSEDED);
		assertThat(RemediationDecision.afterTagging(pending).remediation()).isEqualTo(RemediationState.SUPERSEDED);
	}

	@Test
	void shouldKeepTheDecisionWhenTaggingFoundTheSameContent() {
		ScanRecord pending = record(RemediationState.PENDING, TaggingStatus.FAILED);
		assertThat(RemediationDecision.afterTagging(pending)).isSameAs(pending);
		ScanRecord kept = record(RemediationState.KEPT, TaggingStatus.SUPERSEDED);
		assertThat(RemediationDecision.afterTagging(kept)).isSameAs(kept);
	}

	private static ScanRecord record(RemediationState remediation, TaggingStatus tagging) {
		return new ScanRecord("id", "b", "k", null, "etag", 1, ResultStatus.INFECTED, "Eicar", null, List.of("Eicar"),
				List.of(), Instant.now(), Duration.ZERO, tagging, remediation, null, false, ScanSource.EVENT);
	}

}
