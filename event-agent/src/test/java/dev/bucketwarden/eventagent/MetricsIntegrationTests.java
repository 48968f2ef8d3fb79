package dev.bucketwarden.eventagent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bucketwarden.local.moto.MotoOptions;
import dev.bucketwarden.local.moto.MotoServer;
import dev.bucketwarden.local.moto.RpcV2CborRelay;
import dev.bucketwarden.local.samples.Samples;
import dev.bucketwarden.local.support.AwsEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The agents' meters, seen from outside: objects scanned through the real pipeline
 * (S3Mock events, ElasticMQ, clamd, DynamoDB Local) are counted, exported to CloudWatch
 * (moto's CloudWatch API, as the names and dimensions docs/operations.md promises, which
 * the alarms in infra/aws are written against) and shown on the actuator's Prometheus
 * endpoint. The CloudWatch test runs first: its sums count every scan of the lane.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=servlet")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(90);

	private static final String NAMESPACE = "BucketWardenTest";

	private static final TestStack.Lane lane = TestStack.get().lane("metrics-uploads");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newHttpClient();

	private static MotoServer moto;

	private static RpcV2CborRelay relay;

	@Autowired
	MeterRegistry meters;

	@LocalServerPort
	int port;

	@BeforeAll
	static void startMoto() {
		moto = MotoServer.start(MotoOptions.in(Path.of("target", "moto-metrics-" + ProcessHandle.current().pid())));
		// The SDK's CloudWatch client speaks CBOR, moto's CloudWatch JSON.
		relay = RpcV2CborRelay.start(moto);
	}

	@AfterAll
	static void stop() {
		lane.relay().close();
		if (relay != null) {
			relay.close();
		}
		if (moto != null) {
			moto.close();
		}
	}

	@DynamicPropertySource
	static void stack(DynamicPropertyRegistry registry) {
		TestStack.get().register(registry);
		registry.add("bucketwarden.event-agent.queue", lane::queue);
		registry.add("bucketwarden.buckets.overrides." + lane.bucket() + ".remediation", () -> "KEEP");
		registry.add("bucketwarden.metrics.cloudwatch.enabled", () -> "true");
		registry.add("bucketwarden.metrics.cloudwatch.namespace", () -> NAMESPACE);
		registry.add("bucketwarden.metrics.cloudwatch.step", () -> "2s");
		// As infra/aws points nothing else at another endpoint: only CloudWatch goes to
		// moto.
		registry.add("spring.cloud.aws.cloudwatch.endpoint", () -> relay.endpoint().toString());
	}

	@Test
	@Order(1)
	void shouldExportScansAndTimeToVerdictToCloudWatchWithTheDocumentedNamesAndDimensions() {
		scan("clean-1.txt", "harmless".getBytes(), "Clean");
		scan("clean-2.txt", "harmless too".getBytes(), "Clean");
		scan("infected.com", Samples.eicar(), "Infected");

		Map<String, String> clean = Map.of("result", "Clean", "source", "event", "bucket", lane.bucket());
		Map<String, String> infected = Map.of("result", "Infected", "source", "event", "bucket", lane.bucket());
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(sum("bucketwarden.scans.count", clean)).isEqualTo(2);
			assertThat(sum("bucketwarden.scans.count", infected)).isEqualTo(1);
		});
		// Only the result: the dimension set the alarms watch. Other lanes' agents export
		// nothing here (the export is off but in this test's context).
		assertThat(sum("bucketwarden.scan.results.count", Map.of("result", "Infected"))).isEqualTo(1);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(dimensions("bucketwarden.time.to.verdict.percentile")).contains(
					Map.of("source", "event", "phi", "0.5"), Map.of("source", "event", "phi", "0.95"),
					Map.of("source", "event", "phi", "0.99")));
		assertThat(dimensions("bucketwarden.time.to.verdict.count")).containsExactly(Map.of("source", "event"));
		assertThat(dimensions("bucketwarden.scan.duration.avg")).contains(Map.of("engine", "clamav"));
		assertThat(dimensions("bucketwarden.scan.bytes.count"))
			.containsExactly(Map.of("source", "event", "bucket", lane.bucket()));
		assertThat(dimensions("bucketwarden.engine.ready.value")).contains(Map.of("engine", "clamav"));
		assertThat(metricNames()).as("only BucketWarden's meters, no JVM or HTTP ones")
			.allMatch((name) -> name.startsWith("bucketwarden."))
			.doesNotContain("bucketwarden.time.to.verdict.percentile.value");
		// The counts are CloudWatch's above: the registry here counts per export step (2
		// s),
		// so on a loaded machine a step may have passed and read 0. Its meters are the
		// same.
		assertThat(this.meters.get("bucketwarden.scans").tag("bucket", lane.bucket()).counters())
			.extracting((counter) -> counter.getId().getTag("result"))
			.containsExactlyInAnyOrder("Clean", "Infected");
	}

	@Test
	@Order(2)
	void shouldShowTheScanMetersOnThePrometheusEndpoint() throws Exception {
		scan("prometheus.txt", "harmless".getBytes(), "Clean");
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/prometheus")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		String bucket = "bucket=\"" + lane.bucket() + "\"";
		assertThat(response.body().lines())
			.anyMatch((line) -> line.startsWith("bucketwarden_scans_total{") && line.contains(bucket)
					&& line.contains("result=\"Clean\"") && line.contains("source=\"event\""))
			.anyMatch((line) -> line.startsWith("bucketwarden_time_to_verdict_seconds{")
					&& line.contains("quantile=\"0.95\""))
			.anyMatch((line) -> line.startsWith("bucketwarden_engine_ready{") && line.contains("engine=\"clamav\""));
	}

	private static void scan(String key, byte[] content, String result) {
		lane.s3().putObject((request) -> request.bucket(lane.bucket()).key(key), RequestBody.fromBytes(content));
		await().atMost(WAIT).until(() -> tags(key).get("scan-result"), result::equals);
	}

	private static Map<String, String> tags(String key) {
		Map<String, String> tags = new LinkedHashMap<>();
		for (Tag tag : lane.s3().getObjectTagging((request) -> request.bucket(lane.bucket()).key(key)).tagSet()) {
			tags.put(tag.key(), tag.value());
		}
		return tags;
	}

	/** The sum of every datum of the metric with exactly these dimensions. */
	private static double sum(String metric, Map<String, String> dimensions) {
		long now = Instant.now().getEpochSecond();
		Map<String, Object> query = Map.of("StartTime", now - 3600, "EndTime", now + 300, "MetricDataQueries",
				List.of(Map.of("Id", "q", "MetricStat", Map.of("Period", 3600, "Stat", "Sum", "Metric",
						Map.of("Namespace", NAMESPACE, "MetricName", metric, "Dimensions", dimensions(dimensions))))));
		double sum = 0;
		for (JsonNode result : cloudWatch("GetMetricData", query).path("MetricDataResults")) {
			for (JsonNode value : result.path("Values")) {
				sum += value.asDouble();
			}
		}
		return sum;
	}

	/** The dimension sets the metric was written with (ListMetrics). */
	private static Set<Map<String, String>> dimensions(String metric) {
		Set<Map<String, String>> sets = new HashSet<>();
		for (JsonNode listed : cloudWatch("ListMetrics", Map.of("Namespace", NAMESPACE, "MetricName", metric))
			.path("Metrics")) {
			Map<String, String> set = new LinkedHashMap<>();
			listed.path("Dimensions")
				.forEach((dimension) -> set.put(dimension.path("Name").asString(), dimension.path("Value").asString()));
			sets.add(set);
		}
		return sets;
	}

	private static Set<String> metricNames() {
		Set<String> names = new HashSet<>();
		cloudWatch("ListMetrics", Map.of("Namespace", NAMESPACE)).path("Metrics")
			.forEach((listed) -> names.add(listed.path("MetricName").asString()));
		return names;
	}

	private static List<Map<String, String>> dimensions(Map<String, String> dimensions) {
		return dimensions.entrySet()
			.stream()
			.map((dimension) -> Map.of("Name", dimension.getKey(), "Value", dimension.getValue()))
			.toList();
	}

	/**
	 * Asks moto's CloudWatch directly, in AWS JSON 1.0 (the agent writes through the
	 * relay, in the SDK's CBOR).
	 */
	private static JsonNode cloudWatch(String operation, Map<String, Object> input) {
		try {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(moto.endpoint().resolve("/"))
				.header("X-Amz-Target", "GraniteServiceVersion20100801." + operation)
				.header("Content-Type", "application/x-amz-json-1.0")
				.header("Authorization",
						"AWS4-HMAC-SHA256 Credential=" + AwsEmulator.ACCESS_KEY_ID + "/20260101/" + moto.region()
								+ "/monitoring/aws4_request, SignedHeaders=host, Signature=0")
				.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(input)))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("%s: %s", operation, response.body()).isEqualTo(200);
			return JSON.readTree(response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
