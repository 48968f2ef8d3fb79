package dev.bucketwarden.bench.large;

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
	void shouldGiveClamdAndTheAgentsAStreamLimitOfAtLeastAWindow() {
		assertThat(LargeJob.streamMaxLength(LargeOptions.parse(new String[0]))).isEqualTo(300L << 20);
		assertThat(LargeJob.streamMaxLength(LargeOptions.parse(new String[] { "--window", "512MiB" })))
			.isEqualTo(512L << 20);
	}

}
