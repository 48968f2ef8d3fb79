package dev.bucketwarden.bench.large;

import java.util.List;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LargeJobTests {

	@Test
	void shouldReadThePartIndexFromThePartWorkersLogLine() {
		// agent-core's PartWorker: "Scanning s3://{}/{} (version {}) part {} of {}: bytes
		// {} to {}"
		Matcher matcher = LargeJob.PART_SCANNED.matcher(
				"{\"message\":\"Scanning s3://large-bench-0/backups/large-object.bin (version null) part 12 of 81: bytes 3208642560 to 3477078016\"}");
		assertThat(matcher.find()).isTrue();
		assertThat(matcher.group(1)).isEqualTo("12");
		assertThat(LargeJob.PART_SCANNED.matcher("Scanned s3://b/k: Clean").find()).isFalse();
	}

	@Test
	void shouldTimePartsFromOneAgentsConsecutivePartStarts() {
		String other = "{\"@timestamp\":\"2026-12-06T21:33:26.000Z\",\"message\":\"Queued s3://b/k as a job\"}";
		assertThat(LargeJob.gaps(
				List.of(partLine("21:33:26.500", 0), other, partLine("21:33:38.750", 3), partLine("21:33:50.000", 7))))
			.containsExactly(12.25, 11.25);
		assertThat(LargeJob.gaps(List.of(partLine("21:33:26.500", 0)))).as("the last part has no end").isEmpty();
	}

	private static String partLine(String time, int part) {
		return "{\"@timestamp\":\"2026-12-06T" + time + "Z\",\"message\":\"Scanning s3://b/k (version null) part "
				+ part + " of 81: bytes 0 to 268435456\"}";
	}

	@Test
	void shouldGiveClamdAndTheAgentsAStreamLimitOfAtLeastAWindow() {
		assertThat(LargeJob.streamMaxLength(LargeOptions.parse(new String[0]))).isEqualTo(300L << 20);
		assertThat(LargeJob.streamMaxLength(LargeOptions.parse(new String[] { "--window", "512MiB" })))
			.isEqualTo(512L << 20);
	}

}
