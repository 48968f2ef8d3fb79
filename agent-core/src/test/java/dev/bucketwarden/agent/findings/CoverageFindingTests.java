package dev.bucketwarden.agent.findings;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.bucketwarden.store.results.Coverage;
import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.settings.StoredIntegrations;
import dev.bucketwarden.store.tags.TaggingStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

/**
 * A record scanned in parts says so in every finding (SNS, SQS, EventBridge, webhook,
 * Security Hub): a windowed Clean must never read like a whole one.
 */
class CoverageFindingTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
	};

	private static final long MIB = 1024 * 1024;

	private final ScanRecord windowed = record().withCoverage(Coverage.windows(256 * MIB, MIB, 82));

	@Test
	void shouldCarryTheCoverageWithWhatItCannotSee() {
		Map<String, Object> finding = JSON.readValue(FindingMessages.finding(this.windowed), FIELDS);

		assertThat(finding).containsEntry("coverage", Map.of("kind", "WINDOWS", "window", (int) (256 * MIB), "overlap",
				(int) MIB, "parts", 82, "blindSpots", Coverage.windows(256 * MIB, MIB, 82).blindSpots()));
		assertThat(JSON.readValue(FindingMessages.webhook(this.windowed), FIELDS)).containsKey("coverage");
		Map<String, Object> detail = JSON.readValue(FindingMessages.guardDutyDetail(this.windowed), FIELDS);
		assertThat(detail.get("bucketwarden")).asInstanceOf(MAP).containsKey("coverage");
	}

	@Test
	void shouldCarryMembersWithoutAnOverlap() {
		ScanRecord members = record().withCoverage(Coverage.members(256 * MIB, 3));

		Map<String, Object> finding = JSON.readValue(FindingMessages.finding(members), FIELDS);

		assertThat(finding.get("coverage")).asInstanceOf(MAP)
			.containsEntry("kind", "MEMBERS")
			.containsEntry("overlap", 0)
			.containsEntry("blindSpots",
					List.of("whole-file hash signatures of the archive itself", "signatures that span two members"));
	}

	@Test
	void shouldLeaveCoverageOutOfAWholeScansFinding() {
		assertThat(JSON.readValue(FindingMessages.finding(record()), FIELDS)).doesNotContainKey("coverage");
		assertThat(FindingMessages.guardDutyDetail(record())).doesNotContain("coverage");
	}

	@Test
	void shouldNameTheCoverageInSecurityHubProductFields() {
		AsffFindings asff = new AsffFindings("aws", "eu-west-1", "123456789012");
		FindingState state = FindingState.of(this.windowed, null,
				new StoredIntegrations.SecurityHub(true, true, false));

		Map<String, Object> finding = asff.finding(this.windowed, state, Instant.EPOCH, Instant.EPOCH, false);

		@SuppressWarnings("unchecked")
		Map<String, String> fields = (Map<String, String>) finding.get("ProductFields");
		assertThat(fields).containsEntry("bucketwarden/coverage", "WINDOWS")
			.containsEntry("bucketwarden/coverageWindow", Long.toString(256 * MIB))
			.containsEntry("bucketwarden/coverageOverlap", Long.toString(MIB))
			.containsEntry("bucketwarden/coverageParts", "82");
		assertThat(fields.get("bucketwarden/coverageBlindSpots")).contains("whole-file hash signatures");
		Map<String, Object> whole = asff.finding(record(), state, Instant.EPOCH, Instant.EPOCH, false);
		assertThat(whole.get("ProductFields")).asInstanceOf(MAP).doesNotContainKey("bucketwarden/coverage");
	}

	/**
	 * An unscannable large object: Security Hub publishes those, and Clean ones are not.
	 */
	private static ScanRecord record() {
		return new ScanRecord("id-9", "backups", "disk.img", "v1", "etag-9", 20L * 1024 * MIB, ResultStatus.UNSCANNABLE,
				"encrypted member", null, List.of(), List.of(), Instant.parse("2026-12-06T08:30:00Z"),
				Duration.ofMinutes(3), TaggingStatus.TAGGED, RemediationState.KEPT, null, false, ScanSource.EVENT);
	}

}
