package dev.bucketwarden.apiagent.scan;

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

class NotDoneTests {

	@Test
	void shouldNameNothingWhenEverythingWasDone() {
		assertThat(NotDone.of(record(ResultStatus.CLEAN, TaggingStatus.TAGGED, RemediationState.NONE))).isEmpty();
		assertThat(NotDone.of(record(ResultStatus.CLEAN, TaggingStatus.PARTIAL, RemediationState.NONE))).isEmpty();
		assertThat(NotDone.of(record(ResultStatus.INFECTED, TaggingStatus.DISABLED, RemediationState.QUARANTINED)))
			.isEmpty();
	}

	@Test
	void shouldNameDeniedOrFailedTagging() {
		assertThat(NotDone.of(record(ResultStatus.CLEAN, TaggingStatus.FAILED, RemediationState.NONE)))
			.containsExactly("tags: writing the result tags was denied or failed");
		assertThat(NotDone.of(record(ResultStatus.CLEAN, TaggingStatus.MAX_TAG_LIMIT_EXCEEDED, RemediationState.NONE)))
			.singleElement()
			.asString()
			.startsWith("tags: none written");
		assertThat(NotDone.of(record(ResultStatus.CLEAN, TaggingStatus.SUPERSEDED, RemediationState.NONE)))
			.singleElement()
			.asString()
			.startsWith("tags: not written");
	}

	@Test
	void shouldNameRemediationThatWasNotDone() {
		assertThat(NotDone.of(record(ResultStatus.INFECTED, TaggingStatus.FAILED, RemediationState.PENDING)))
			.containsExactly("tags: writing the result tags was denied or failed",
					"remediation: decided but not done (denied or failed)");
		assertThat(NotDone.of(record(ResultStatus.INFECTED, TaggingStatus.TAGGED, RemediationState.SUPERSEDED)))
			.containsExactly("remediation: not done, the object changed before it");
	}

	private static ScanRecord record(ResultStatus status, TaggingStatus tagging, RemediationState remediation) {
		return new ScanRecord("id", "bucket", "key", "v1", "etag", 10, status, null, null, List.of(), List.of(),
				Instant.EPOCH, Duration.ZERO, tagging, remediation, null, true, ScanSource.API);
	}

}
