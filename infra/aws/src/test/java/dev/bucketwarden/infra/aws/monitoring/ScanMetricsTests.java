package dev.bucketwarden.infra.aws.monitoring;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.engine.clamav.ClamavEngineProvider;
import dev.bucketwarden.store.results.ResultStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dimension values the alarms name are the agents' own: the result labels and the
 * engine id the agents tag their meters with.
 */
class ScanMetricsTests {

	@Test
	void shouldNameTheResultsAsTheAgentsDo() {
		assertThat(ScanMetrics.RESULTS)
			.containsExactlyElementsOf(Arrays.stream(ResultStatus.values()).map(ResultStatus::label).toList());
	}

	@Test
	void shouldNameTheSidecarsEngineAsTheAgentsDo() {
		assertThat(ScanMetrics.ENGINES).containsExactly(ClamavEngineProvider.ID);
	}

}
