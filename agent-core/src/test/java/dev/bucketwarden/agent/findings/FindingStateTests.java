package dev.bucketwarden.agent.findings;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.settings.StoredIntegrations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mapping of results to Security Hub finding states, as docs/operations.md tables it.
 */
class FindingStateTests {

	private static final StoredIntegrations.SecurityHub ALL = new StoredIntegrations.SecurityHub(true, true, true);

	private static final StoredIntegrations.SecurityHub INFECTED_ONLY = new StoredIntegrations.SecurityHub(true, false,
			false);

	@Test
	void shouldMakeInfectedObjectsInPlaceCriticalAndRemovedOnesResolved() {
		assertThat(state(record(ResultStatus.INFECTED, RemediationState.KEPT), null, INFECTED_ONLY))
			.isEqualTo(new Expected(FindingState.Kind.MALWARE, "CRITICAL", "ACTIVE", "NEW", false));
		assertThat(state(record(ResultStatus.INFECTED, RemediationState.NONE), null, INFECTED_ONLY))
			.isEqualTo(new Expected(FindingState.Kind.MALWARE, "CRITICAL", "ACTIVE", "NEW", false));
		assertThat(state(record(ResultStatus.INFECTED, RemediationState.QUARANTINED), null, INFECTED_ONLY))
			.isEqualTo(new Expected(FindingState.Kind.MALWARE, "HIGH", "ARCHIVED", "RESOLVED", false));
		assertThat(state(record(ResultStatus.INFECTED, RemediationState.DELETED), null, INFECTED_ONLY))
			.isEqualTo(new Expected(FindingState.Kind.MALWARE, "HIGH", "ARCHIVED", "RESOLVED", false));
		assertThat(state(record(ResultStatus.INFECTED_ALLOWED, RemediationState.KEPT), null, INFECTED_ONLY))
			.isEqualTo(new Expected(FindingState.Kind.MALWARE, "LOW", "ACTIVE", "RESOLVED", false));
	}

	@Test
	void shouldImportUnscannableAndErrorResultsOnlyWhenAskedFor() {
		assertThat(FindingState.of(record(ResultStatus.UNSCANNABLE, RemediationState.NONE), null, INFECTED_ONLY))
			.isNull();
		assertThat(FindingState.of(record(ResultStatus.ERROR, RemediationState.NONE), null, INFECTED_ONLY)).isNull();
		assertThat(state(record(ResultStatus.UNSCANNABLE, RemediationState.NONE), null, ALL))
			.isEqualTo(new Expected(FindingState.Kind.UNSCANNABLE, "MEDIUM", "ACTIVE", "NEW", false));
		assertThat(state(record(ResultStatus.ERROR, RemediationState.NONE), null, ALL))
			.isEqualTo(new Expected(FindingState.Kind.ERROR, "LOW", "ACTIVE", "NEW", false));
		assertThat(FindingState.of(record(ResultStatus.SKIPPED, RemediationState.NONE), null, ALL)).isNull();
	}

	@Test
	void shouldLetACleanResultOnlyResolveWhatItsPreviousRecordWouldHaveReported() {
		ScanRecord clean = record(ResultStatus.CLEAN, RemediationState.NONE);

		assertThat(FindingState.of(clean, null, ALL)).as("a first scan").isNull();
		assertThat(FindingState.of(clean, record(ResultStatus.CLEAN, RemediationState.NONE), ALL)).isNull();
		assertThat(state(clean, record(ResultStatus.INFECTED, RemediationState.KEPT), INFECTED_ONLY))
			.isEqualTo(new Expected(FindingState.Kind.MALWARE, "INFORMATIONAL", "ARCHIVED", "RESOLVED", true));
		assertThat(state(clean, record(ResultStatus.ERROR, RemediationState.NONE), ALL))
			.isEqualTo(new Expected(FindingState.Kind.ERROR, "INFORMATIONAL", "ARCHIVED", "RESOLVED", true));
		assertThat(FindingState.of(clean, record(ResultStatus.ERROR, RemediationState.NONE), INFECTED_ONLY))
			.as("errors were never imported")
			.isNull();
	}

	private static Expected state(ScanRecord record, ScanRecord replaced, StoredIntegrations.SecurityHub toggle) {
		FindingState state = FindingState.of(record, replaced, toggle);
		assertThat(state).isNotNull();
		assertThat(state.result()).isEqualTo(record.status().label());
		return new Expected(state.kind(), state.severity(), state.recordState(), state.workflow(),
				state.resolvesOnly());
	}

	private static ScanRecord record(ResultStatus status, RemediationState remediation) {
		return SecurityHubFindingPublisherIntegrationTests.record("r-" + status, status,
				(status == ResultStatus.INFECTED || status == ResultStatus.INFECTED_ALLOWED) ? List.of("Eicar")
						: List.of(),
				remediation);
	}

	private record Expected(FindingState.Kind kind, String severity, String recordState, String workflow,
			boolean resolvesOnly) {
	}

}
