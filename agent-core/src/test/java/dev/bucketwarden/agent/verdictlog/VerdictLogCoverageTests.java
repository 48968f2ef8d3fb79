package dev.bucketwarden.agent.verdictlog;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.bucketwarden.agent.pipeline.FinalVerdict;
import dev.bucketwarden.agent.request.ScanTarget;
import dev.bucketwarden.store.results.Coverage;
import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.tags.TaggingStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verdict line of an object scanned in parts names its coverage, so that a query for
 * {@code verdict.coverage.kind} finds every Clean that was not a whole scan; a whole
 * scan's line stays as short as before.
 */
class VerdictLogCoverageTests {

	private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
	};

	private static final long MIB = 1024 * 1024;

	private final JsonMapper json = JsonMapper.builder()
		.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
		.build();

	@Test
	void shouldNameTheCoverageOfAnObjectScannedInParts() {
		Coverage coverage = Coverage.windows(8 * MIB, MIB, 5);

		Map<String, Object> line = fields(record().withCoverage(coverage));

		assertThat(line).containsEntry("coverage", Map.of("kind", "WINDOWS", "window", 8 * MIB, "overlap", MIB, "parts",
				5, "blindSpots", coverage.blindSpots()));
	}

	@Test
	void shouldLeaveCoverageOutOfAWholeScansLine() {
		assertThat(fields(record())).containsEntry("result", "Clean").doesNotContainKey("coverage");
	}

	private Map<String, Object> fields(ScanRecord record) {
		ScanTarget target = new ScanTarget(record.bucket(), record.key(), record.versionId(), record.eTag(),
				ScanSource.EVENT, null);
		return this.json.convertValue(VerdictLog.line(new FinalVerdict(target, record, null, Instant.EPOCH, true)),
				FIELDS);
	}

	private static ScanRecord record() {
		return new ScanRecord("rec-7", "backups", "dump.bin", "v3", "etag-7", 30 * MIB, ResultStatus.CLEAN, null, null,
				List.of(), List.of(), Instant.parse("2026-12-06T09:00:00Z"), Duration.ofSeconds(4),
				TaggingStatus.TAGGED, RemediationState.KEPT, null, false, ScanSource.EVENT);
	}

}
