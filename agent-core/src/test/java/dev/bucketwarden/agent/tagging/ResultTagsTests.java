package dev.bucketwarden.agent.tagging;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.agent.results.ResultStatus;
import dev.bucketwarden.engine.spi.ErrorKind;

import static org.assertj.core.api.Assertions.assertThat;

class ResultTagsTests {

	private static final Instant AT = Instant.parse("2026-11-22T04:00:00.123Z");

	@Test
	void shouldWriteTheDefaultSchema() {
		Map<String, String> tags = ResultTags.of(TagSchema.DEFAULT, ResultStatus.INFECTED, null, AT,
				List.of("clamav:ClamAV 1.4.6/27830"), List.of("Win.Test.EICAR_HDB-1"));

		assertThat(tags).containsExactly(Map.entry("scan-result", "Infected"),
				Map.entry("scan-date", "2026-11-22T04:00:00Z"), Map.entry("scan-engines", "clamav:ClamAV 1.4.6/27830"),
				Map.entry("virus-name", "Win.Test.EICAR_HDB-1"));
	}

	@Test
	void shouldWriteOnlyTheGuardDutyStatusInGuardDutyMode() {
		assertThat(ResultTags.of(TagSchema.GUARDDUTY, ResultStatus.CLEAN, null, AT, List.of(), List.of()))
			.containsExactly(Map.entry("GuardDutyMalwareScanStatus", "NO_THREATS_FOUND"));
		assertThat(ResultTags.of(TagSchema.GUARDDUTY, ResultStatus.INFECTED, null, AT, List.of(), List.of("x")))
			.containsEntry("GuardDutyMalwareScanStatus", "THREATS_FOUND");
		assertThat(ResultTags.of(TagSchema.GUARDDUTY, ResultStatus.UNSCANNABLE, null, AT, List.of(), List.of()))
			.containsEntry("GuardDutyMalwareScanStatus", "UNSUPPORTED");
		assertThat(
				ResultTags.of(TagSchema.GUARDDUTY, ResultStatus.ERROR, ErrorKind.UNAVAILABLE, AT, List.of(), List.of()))
			.containsEntry("GuardDutyMalwareScanStatus", "FAILED");
		assertThat(ResultTags.of(TagSchema.GUARDDUTY, ResultStatus.ERROR, ErrorKind.ACCESS_DENIED, AT, List.of(),
				List.of()))
			.containsEntry("GuardDutyMalwareScanStatus", "ACCESS_DENIED");
	}

	@Test
	void shouldKeepUserTagsAndReplaceOurOldOnes() {
		Map<String, String> current = new LinkedHashMap<>();
		current.put("owner", "finance");
		current.put("scan-result", "Clean");
		current.put("GuardDutyMalwareScanStatus", "NO_THREATS_FOUND");

		Map<String, String> merged = ResultTags.merge(current, Map.of("scan-result", "Infected")).orElseThrow();

		assertThat(merged).containsOnly(Map.entry("owner", "finance"), Map.entry("scan-result", "Infected"));
	}

	@Test
	void shouldRefuseToMergeBeyondTenTagsInsteadOfDroppingUserTags() {
		Map<String, String> current = new LinkedHashMap<>();
		for (int i = 0; i < 10; i++) {
			current.put("user-" + i, "v");
		}

		assertThat(ResultTags.merge(current, Map.of("scan-result", "Clean"))).isEmpty();
		current.remove("user-0");
		assertThat(ResultTags.merge(current, Map.of("scan-result", "Clean"))).get()
			.satisfies((merged) -> assertThat(merged).hasSize(10));
	}

	@Test
	void shouldMakeValuesThatS3Accepts() {
		assertThat(ResultTags.value("Win.Trojan.Agent-1 <script>,\"x\"")).isEqualTo("Win.Trojan.Agent-1 _script___x_");
		assertThat(ResultTags.value("a".repeat(300))).hasSize(256).endsWith("...");
	}

}
