package dev.bucketwarden.agent.tagging;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.tags.TagSchema;

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

		ResultTags.TagMerge merge = ResultTags.merge(current, Map.of("scan-result", "Infected"));

		assertThat(merge.tags()).containsOnly(Map.entry("owner", "finance"), Map.entry("scan-result", "Infected"));
		assertThat(merge.dropped()).isEmpty();
		assertThat(merge.changed()).isTrue();
	}

	@Test
	void shouldNeverDropAUserTagAndWriteNoneOfOursWhenTenUserTagsFillTheSet() {
		Map<String, String> current = userTags(10);

		ResultTags.TagMerge merge = ResultTags.merge(current, ours("Clean"));

		assertThat(merge.tags()).isEqualTo(current);
		assertThat(merge.hasResult()).isFalse();
		assertThat(merge.changed()).isFalse();
		assertThat(merge.dropped()).containsExactly("scan-result", "virus-name", "scan-date", "scan-engines");
	}

	@Test
	void shouldReplaceAForgedCleanBesideNineUserTagsWithTheVerdictFirst() {
		Map<String, String> current = userTags(9);
		current.put("scan-result", "Clean");

		ResultTags.TagMerge merge = ResultTags.merge(current, ours("Infected"));

		assertThat(merge.tags()).hasSize(10).containsEntry("scan-result", "Infected");
		assertThat(merge.tags()).containsAllEntriesOf(userTags(9));
		assertThat(merge.dropped()).containsExactly("virus-name", "scan-date", "scan-engines");
		assertThat(merge.hasResult()).isTrue();
	}

	@Test
	void shouldReplaceAForgedInfectedOnACleanObject() {
		Map<String, String> current = userTags(9);
		current.put("scan-result", "Infected");

		ResultTags.TagMerge merge = ResultTags.merge(current, Map.of("scan-result", "Clean", "scan-date", "x"));

		assertThat(merge.tags()).containsEntry("scan-result", "Clean").doesNotContainKey("scan-date");
		assertThat(merge.dropped()).containsExactly("scan-date");
	}

	@Test
	void shouldRemoveTheOtherSchemasResultTagToo() {
		Map<String, String> current = userTags(9);
		current.put("scan-result", "Clean");

		ResultTags.TagMerge merge = ResultTags.merge(current, Map.of("GuardDutyMalwareScanStatus", "THREATS_FOUND"));

		assertThat(merge.tags()).doesNotContainKey("scan-result")
			.containsEntry("GuardDutyMalwareScanStatus", "THREATS_FOUND")
			.hasSize(10);
	}

	@Test
	void shouldSayNothingChangedWhenOurTagsAreAlreadyThere() {
		Map<String, String> current = new LinkedHashMap<>(Map.of("owner", "x"));
		current.putAll(ours("Clean"));

		assertThat(ResultTags.merge(current, ours("Clean")).changed()).isFalse();
	}

	private static Map<String, String> userTags(int count) {
		Map<String, String> tags = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) {
			tags.put("user-" + i, "v" + i);
		}
		return tags;
	}

	private static Map<String, String> ours(String result) {
		Map<String, String> tags = new LinkedHashMap<>();
		tags.put("scan-result", result);
		tags.put("scan-date", "2026-11-22T04:00:00Z");
		tags.put("scan-engines", "clamav:ClamAV 1.4.6/1");
		tags.put("virus-name", "Eicar");
		return tags;
	}

	@Test
	void shouldMakeValuesThatS3Accepts() {
		assertThat(ResultTags.value("Win.Trojan.Agent-1 <script>,\"x\"")).isEqualTo("Win.Trojan.Agent-1 _script___x_");
		assertThat(ResultTags.value("a".repeat(300))).hasSize(256).endsWith("...");
	}

}
