package dev.bucketwarden.console.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.tags.TaggingStatus;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardStatsTests {

	private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

	@Test
	void shouldCountByDayAndResultAndKeepTheLatestEngineState() {
		List<ScanRecord> newestFirst = List.of(
				record("a", ResultStatus.ERROR, 0, "2026-03-10T11:00:00Z", "Error", "2026-03-09T12:00:00Z"),
				record("b", ResultStatus.INFECTED, 68, "2026-03-10T10:00:00Z", "Infected", "2026-03-09T12:00:00Z"),
				record("c", ResultStatus.CLEAN, 1000, "2026-03-08T10:00:00Z", "Clean", "2026-03-07T12:00:00Z"),
				record("d", ResultStatus.SKIPPED, 0, "2026-03-08T09:00:00Z", null, null),
				record("e", ResultStatus.CLEAN, 5, "2026-01-01T00:00:00Z", "Clean", "2025-12-31T00:00:00Z"));

		DashboardStats stats = DashboardStats.of(newestFirst, 10_000, NOW, 14);

		assertThat(stats.total()).isEqualTo(5);
		assertThat(stats.infected()).isEqualTo(1);
		assertThat(stats.totals().get(ResultStatus.CLEAN)).isEqualTo(2);
		assertThat(stats.bytesScanned()).isEqualTo(1073);
		assertThat(stats.days()).hasSize(14);
		assertThat(stats.days().getLast().date()).isEqualTo(LocalDate.parse("2026-03-10"));
		assertThat(stats.days().getLast().total()).isEqualTo(2);
		assertThat(stats.days().getLast().infected()).isEqualTo(1);
		assertThat(stats.days().get(11).total()).as("2026-03-08").isEqualTo(2);
		assertThat(stats.days().get(11).bytes()).isEqualTo(1000);
		assertThat(stats.latestInfections()).extracting(ScanRecord::id).containsExactly("b");
		assertThat(stats.engines()).singleElement().satisfies((engine) -> {
			assertThat(engine.healthy()).as("its latest scan was an error").isFalse();
			assertThat(engine.signatureAgeHours()).isEqualTo(24);
		});
		assertThat(stats.truncated()).isFalse();
		assertThat(DashboardStats.of(newestFirst, 5, NOW, 14).truncated()).isTrue();
	}

	@Test
	void shouldDrawChartsWithTitlesAndEscapedText() {
		DashboardStats stats = DashboardStats.of(List.of(), 100, NOW, 14);
		assertThat(Charts.scansPerDay(stats.days())).startsWith("<svg").contains("role=\"img\"").contains("<title");
		assertThat(Charts.verdicts(stats.totals())).contains("InfectedAllowed");
		assertThat(Charts.escape("<a href=\"x\">&")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&amp;");
		assertThat(Charts.human(1_500_000)).isEqualTo("1.5 MB");
	}

	private static ScanRecord record(String id, ResultStatus status, long size, String at, String engineResult,
			String signatureDate) {
		List<ScanRecord.EngineRecord> engines = (engineResult != null) ? List.of(new ScanRecord.EngineRecord("clamav",
				engineResult, List.of(), null, "ClamAV 1.4.6", "1", 2, Instant.parse(signatureDate))) : List.of();
		return new ScanRecord(id, "uploads", id, null, "etag", size, status, null, null, List.of(), engines,
				Instant.parse(at), Duration.ZERO, TaggingStatus.TAGGED, RemediationState.NONE, null, true,
				ScanSource.EVENT);
	}

}
