package dev.bucketwarden.infra.aws.monitoring;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.cloudwatch2.CloudWatchMeterRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataResponse;

import dev.bucketwarden.agent.metrics.CloudWatchExport;
import dev.bucketwarden.agent.metrics.CloudWatchExportProperties;
import dev.bucketwarden.engine.clamav.ClamavEngineProvider;
import dev.bucketwarden.store.results.ResultStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics the alarms and the dashboard read are the ones the agents write: the result
 * labels and the engine id the agents tag their meters with, and the names and dimensions
 * Micrometer's CloudWatch registry (the agents' export) puts for meters named and tagged
 * as docs/operations.md says.
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

	/**
	 * The registry publishes to a client that keeps what it is sent, instead of
	 * CloudWatch: what is checked is the registry's naming, not the transport.
	 */
	@Test
	void shouldReadWhatMicrometersCloudWatchRegistryWrites() throws Exception {
		List<MetricDatum> sent = new CopyOnWriteArrayList<>();
		CloudWatchAsyncClient client = new CloudWatchAsyncClient() {

			@Override
			public CompletableFuture<PutMetricDataResponse> putMetricData(PutMetricDataRequest request) {
				assertThat(request.namespace()).isEqualTo("BucketWarden");
				sent.addAll(request.metricData());
				return CompletableFuture.completedFuture(PutMetricDataResponse.builder().build());
			}

			@Override
			public String serviceName() {
				return "cloudwatch";
			}

			@Override
			public void close() {
			}

		};
		// The agents' own export (agent-core), as they run it in AWS.
		CloudWatchMeterRegistry registry = CloudWatchExport.registry(
				new CloudWatchExportProperties(true, "BucketWarden", Duration.ofMinutes(1)), client, new MockClock());
		Counter.builder("bucketwarden.scan.results").tag("result", "Error").register(registry).increment();
		Timer.builder("bucketwarden.time.to.verdict")
			.tag("source", "event")
			.publishPercentiles(0.5, 0.95, 0.99)
			.register(registry)
			.record(Duration.ofSeconds(3));
		Gauge.builder("bucketwarden.engine.signature.age", () -> 7200).tag("engine", "clamav").register(registry);
		Counter.builder("bucketwarden.engine.errors").tags("engine", "clamav", "kind", "TIMEOUT").register(registry);
		Counter.builder("bucketwarden.aws.requests")
			.tags("service", "S3", "operation", "GetObject", "attempt", "1")
			.register(registry);
		Counter.builder("bucketwarden.dlq.sends").tag("reason", "POISON").register(registry);
		// Closing publishes what the step holds so far (percentiles of the current
		// window).
		registry.close();

		Map<String, Map<String, String>> written = new TreeMap<>();
		for (MetricDatum datum : sent) {
			Map<String, String> dimensions = new TreeMap<>();
			datum.dimensions().forEach((dimension) -> dimensions.put(dimension.name(), dimension.value()));
			written.put(datum.metricName() + " " + dimensions, dimensions);
		}
		assertThat(written).containsKeys(ScanMetrics.SCAN_RESULTS + " " + Map.of(ScanMetrics.RESULT, ScanMetrics.ERROR),
				ScanMetrics.TIME_TO_VERDICT_PERCENTILE + " "
						+ new TreeMap<>(
								Map.of(ScanMetrics.PHI, ScanMetrics.P95, ScanMetrics.SOURCE, ScanMetrics.EVENT)),
				ScanMetrics.TIME_TO_VERDICT_PERCENTILE + " "
						+ new TreeMap<>(
								Map.of(ScanMetrics.PHI, ScanMetrics.P50, ScanMetrics.SOURCE, ScanMetrics.EVENT)),
				ScanMetrics.TIME_TO_VERDICT_PERCENTILE + " "
						+ new TreeMap<>(
								Map.of(ScanMetrics.PHI, ScanMetrics.P99, ScanMetrics.SOURCE, ScanMetrics.EVENT)),
				ScanMetrics.SIGNATURE_AGE + " " + Map.of(ScanMetrics.ENGINE, "clamav"),
				ScanMetrics.ENGINE_ERRORS + " "
						+ new TreeMap<>(Map.of(ScanMetrics.ENGINE, "clamav", ScanMetrics.KIND, "TIMEOUT")),
				ScanMetrics.AWS_REQUESTS + " "
						+ new TreeMap<>(Map.of(ScanMetrics.SERVICE, "S3", ScanMetrics.OPERATION, "GetObject",
								ScanMetrics.ATTEMPT, "1")),
				ScanMetrics.DLQ_SENDS + " " + Map.of(ScanMetrics.REASON, "POISON"));
		MetricDatum p95 = sent.stream()
			.filter((datum) -> datum.metricName().equals(ScanMetrics.TIME_TO_VERDICT_PERCENTILE))
			.filter((datum) -> datum.dimensions().stream().anyMatch((d) -> d.value().equals(ScanMetrics.P95)))
			.findFirst()
			.orElseThrow();
		// In milliseconds, as the alarm's threshold is (a histogram bucket of 3 s).
		assertThat(p95.value()).isBetween(2900.0, 3300.0);
	}

}
