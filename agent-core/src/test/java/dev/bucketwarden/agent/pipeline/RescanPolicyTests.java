package dev.bucketwarden.agent.pipeline;

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

class RescanPolicyTests {

	private static final Instant CUTOFF = Instant.parse("2026-06-01T00:00:00Z");

	@Test
	void shouldRescanWhatWasScannedWithOlderSignatures() {
		RescanPolicy policy = RescanPolicy.signaturesBefore(CUTOFF);

		assertThat(policy.rescan(scannedWith(CUTOFF.minusSeconds(1)))).isTrue();
		assertThat(policy.rescan(scannedWith(null))).as("unknown date").isTrue();
		assertThat(policy.rescan(scannedWith(CUTOFF))).isFalse();
		assertThat(policy.rescan(scannedWith(CUTOFF.plusSeconds(86400)))).isFalse();
	}

	@Test
	void shouldNeverOrAlwaysRescan() {
		assertThat(RescanPolicy.NEVER.rescan(scannedWith(null))).isFalse();
		assertThat(RescanPolicy.ALWAYS.rescan(scannedWith(CUTOFF))).isTrue();
	}

	private static ScanRecord scannedWith(Instant signatureDate) {
		return new ScanRecord("id", "b", "k", null, "etag", 1, ResultStatus.CLEAN, null, null, List.of(),
				List.of(new ScanRecord.EngineRecord("clamav", "Clean", List.of(), null, "ClamAV 1.4.6", "27000", 5,
						signatureDate)),
				Instant.now(), Duration.ZERO, TaggingStatus.TAGGED, RemediationState.NONE, null, true,
				ScanSource.RETRO);
	}

}
