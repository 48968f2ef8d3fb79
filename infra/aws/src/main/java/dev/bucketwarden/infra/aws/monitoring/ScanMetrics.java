package dev.bucketwarden.infra.aws.monitoring;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * The agents' metrics as CloudWatch holds them, the one place that names them: every
 * metric name and dimension the dashboard and the alarms use is here, as the metric name
 * contract of docs/operations.md gives it (Micrometer's CloudWatch registry adds a suffix
 * per statistic, and each tag becomes a dimension). A CloudWatch metric is its name and
 * its exact set of dimensions, so an alarm only sees what an agent publishes with exactly
 * these tags.
 */
public final class ScanMetrics {

	/** Verdicts of all buckets and ways in, by result: what alarms count. */
	static final String SCAN_RESULTS = "bucketwarden.scan.results.count";

	/**
	 * Time to verdict percentiles, in milliseconds. Micrometer registers a timer's
	 * percentiles as gauges named {@code <timer>.percentile}; the agents' export writes
	 * them without the {@code .value} the CloudWatch registry adds to other gauges.
	 */
	static final String TIME_TO_VERDICT_PERCENTILE = "bucketwarden.time.to.verdict.percentile";

	static final String ENGINE_ERRORS = "bucketwarden.engine.errors.count";

	/** Seconds. */
	static final String SIGNATURE_AGE = "bucketwarden.engine.signature.age.value";

	static final String AWS_REQUESTS = "bucketwarden.aws.requests.count";

	static final String DLQ_SENDS = "bucketwarden.dlq.sends.count";

	static final String RESULT = "result";

	static final String SOURCE = "source";

	static final String PHI = "phi";

	static final String ENGINE = "engine";

	static final String KIND = "kind";

	static final String SERVICE = "service";

	static final String OPERATION = "operation";

	static final String ATTEMPT = "attempt";

	static final String REASON = "reason";

	/** The {@code source} of the event agents' verdicts. */
	static final String EVENT = "event";

	/** Micrometer writes a percentile's {@code phi} tag in plain decimal. */
	static final String P50 = "0.5";

	static final String P95 = "0.95";

	static final String P99 = "0.99";

	/*
	 * The values of the result dimension: the project's one results vocabulary (its
	 * labels; the agents' classes are no dependency of the CDK app, a test compares).
	 */
	static final String CLEAN = "Clean";

	static final String INFECTED = "Infected";

	static final String INFECTED_ALLOWED = "InfectedAllowed";

	static final String UNSCANNABLE = "Unscannable";

	static final String ERROR = "Error";

	/** Nothing to scan (the object was gone): no verdict on content. */
	static final String SKIPPED = "Skipped";

	static final List<String> RESULTS = List.of(CLEAN, INFECTED, INFECTED_ALLOWED, UNSCANNABLE, ERROR, SKIPPED);

	/** The engines the deployment runs: the ClamAV sidecar. */
	static final List<String> ENGINES = List.of("clamav");

	static final String PUT_METRIC_DATA = "cloudwatch:PutMetricData";

	/** The condition key PutMetricData is limited with (it has no resource). */
	static final String NAMESPACE_CONDITION = "cloudwatch:namespace";

	/** The period every metric of the agents has: Micrometer's step, one minute. */
	static final Duration STEP = Duration.minutes(1);

	private final String namespace;

	public ScanMetrics(String namespace) {
		this.namespace = namespace;
	}

	public String namespace() {
		return this.namespace;
	}

	/** The verdicts of one result over {@code period}. */
	Metric results(String result, Duration period) {
		return metric(SCAN_RESULTS, Map.of(RESULT, result), "Sum", period);
	}

	/**
	 * One percentile of the event agents' time to verdict: the slowest agent's
	 * (percentiles of several agents cannot be merged, the worst one is what a user of
	 * that agent waits).
	 */
	Metric timeToVerdict(String phi, Duration period) {
		return metric(TIME_TO_VERDICT_PERCENTILE, Map.of(SOURCE, EVENT, PHI, phi), "Maximum", period);
	}

	/** The oldest signatures any agent runs an engine with, in seconds. */
	Metric signatureAge(String engine, Duration period) {
		return metric(SIGNATURE_AGE, Map.of(ENGINE, engine), "Maximum", period);
	}

	/**
	 * Every metric of a name, one line per combination of {@code dimensions}'s values
	 * (engine errors by engine and kind, AWS requests by operation): for a dashboard,
	 * whose search finds values nobody listed at deploy time.
	 */
	MathExpression search(String metricName, List<String> dimensions, String statistic, String label) {
		// The namespace in quotes: it may hold / # :, which a search reads as syntax.
		String schema = "{\"" + this.namespace + "\"," + String.join(",", dimensions) + "}";
		return MathExpression.Builder.create()
			.expression("SEARCH('" + schema + " MetricName=\"" + metricName + "\"', '" + statistic + "', "
					+ (int) STEP.toSeconds() + ")")
			.usingMetrics(Map.of())
			.label(label)
			.period(STEP)
			.build();
	}

	/**
	 * Lets an agent's role put metric data into this namespace only: PutMetricData names
	 * no resource, so the namespace condition is its only limit.
	 */
	public void grantPublish(IRole role) {
		role.addToPrincipalPolicy(PolicyStatement.Builder.create()
			.sid("PublishScanMetrics")
			.effect(Effect.ALLOW)
			.actions(List.of(PUT_METRIC_DATA))
			.resources(List.of("*"))
			.conditions(Map.of("StringEquals", Map.of(NAMESPACE_CONDITION, this.namespace)))
			.build());
	}

	/**
	 * A metric without label or unit: an alarm on a labelled metric is written as metric
	 * math, and a unit would make CloudWatch skip datapoints published with another one.
	 */
	private Metric metric(String name, Map<String, String> dimensions, String statistic, Duration period) {
		return Metric.Builder.create()
			.namespace(this.namespace)
			.metricName(name)
			// In name order, so the template does not change from one synthesis to the
			// next.
			.dimensionsMap(new TreeMap<>(dimensions))
			.statistic(statistic)
			.period(period)
			.build();
	}

}
