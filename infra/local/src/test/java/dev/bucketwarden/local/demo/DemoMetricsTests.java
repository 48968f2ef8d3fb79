package dev.bucketwarden.local.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoMetricsTests {

	@Test
	void shouldShowTheScanMetersOnly() {
		String exposition = """
				# HELP bucketwarden_scans_total
				# TYPE bucketwarden_scans_total counter
				bucketwarden_scans_total{bucket="demo-uploads",result="Infected",source="event"} 1.0
				bucketwarden_time_to_verdict_seconds{source="event",quantile="0.95"} 1.2
				bucketwarden_time_to_verdict_seconds_count{source="event"} 4.0
				bucketwarden_time_to_verdict_seconds_max{source="event"} 1.9
				jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.0E7
				""";

		assertThat(DemoMetrics.shown(exposition)).containsExactly(
				"bucketwarden_scans_total{bucket=\"demo-uploads\",result=\"Infected\",source=\"event\"} 1.0",
				"bucketwarden_time_to_verdict_seconds{source=\"event\",quantile=\"0.95\"} 1.2",
				"bucketwarden_time_to_verdict_seconds_count{source=\"event\"} 4.0");
	}

}
