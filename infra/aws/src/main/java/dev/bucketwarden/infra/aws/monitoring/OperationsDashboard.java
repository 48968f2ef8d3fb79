package dev.bucketwarden.infra.aws.monitoring;

import java.util.ArrayList;
import java.util.List;

import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.HorizontalAnnotation;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.constructs.Construct;

import dev.bucketwarden.infra.aws.queue.WorkQueue;
import dev.bucketwarden.infra.aws.settings.DeploymentSettings.Monitoring;

/**
 * One region's dashboard: the agents' scanning (verdicts by result, time to verdict,
 * engine errors, signature age, AWS requests, dead-letter sends), queue backlogs and dead
 * letters, the agents' CPU and memory, the alarms, and whatever the stack adds (the
 * console region adds the load balancer).
 */
public final class OperationsDashboard extends Construct {

	private final Dashboard dashboard;

	private final List<IAlarm> alarms = new ArrayList<>();

	public OperationsDashboard(Construct scope, String id, String name) {
		super(scope, id);
		this.dashboard = Dashboard.Builder.create(this, "Dashboard").dashboardName(name).build();
	}

	/**
	 * What the agents publish (see {@link ScanMetrics}), with the alarms' thresholds as
	 * lines where a graph has one.
	 */
	public OperationsDashboard scanning(ScanMetrics metrics, Monitoring settings, ScanAlarms alarms) {
		List<IMetric> results = ScanMetrics.RESULTS.stream()
			.map((result) -> labelled(metrics.results(result, ScanMetrics.STEP), result))
			.toList();
		List<IMetric> timeToVerdict = List.of(labelled(metrics.timeToVerdict(ScanMetrics.P50, ScanMetrics.STEP), "p50"),
				labelled(metrics.timeToVerdict(ScanMetrics.P95, ScanMetrics.STEP), "p95"),
				labelled(metrics.timeToVerdict(ScanMetrics.P99, ScanMetrics.STEP), "p99"));
		List<IMetric> signatureAges = ScanMetrics.ENGINES.stream()
			.map((engine) -> labelled(metrics.signatureAge(engine, ScanMetrics.STEP), engine))
			.toList();
		add(graph("Verdicts by result (per minute)", results),
				graph("Time to verdict, event agents (ms)", timeToVerdict,
						line(settings.timeToVerdictAlarmSeconds() * 1000.0, "p95 alarm")),
				graph("Engine errors by kind", List.of(metrics.search(ScanMetrics.ENGINE_ERRORS,
						List.of(ScanMetrics.ENGINE, ScanMetrics.KIND), "Sum", ""))));
		add(graph("Signature age (s)", signatureAges,
				line(settings.signatureMaxAgeHours() * 3600.0, "signature-max-age")),
				graph("AWS requests by operation",
						List.of(metrics.search(ScanMetrics.AWS_REQUESTS,
								List.of(ScanMetrics.SERVICE, ScanMetrics.OPERATION, ScanMetrics.ATTEMPT), "Sum", ""))),
				graph("Dead-letter sends by reason",
						List.of(metrics.search(ScanMetrics.DLQ_SENDS, List.of(ScanMetrics.REASON), "Sum", ""))));
		this.alarms.addAll(alarms.alarms());
		return this;
	}

	public OperationsDashboard queues(List<WorkQueue> queues) {
		List<IMetric> backlog = new ArrayList<>();
		List<IMetric> dead = new ArrayList<>();
		for (WorkQueue queue : queues) {
			backlog.add(queue.queue().metricApproximateNumberOfMessagesVisible());
			backlog.add(queue.queue().metricApproximateAgeOfOldestMessage());
			dead.add(queue.deadLetterQueue().metricApproximateNumberOfMessagesVisible());
			this.alarms.add(queue.deadLetterAlarm());
		}
		add(graph("Queue backlog and oldest message age", backlog), graph("Dead letters", dead));
		return this;
	}

	/** The state of every alarm added with {@link #scanning} and {@link #queues}. */
	public OperationsDashboard alarmStatus() {
		add(AlarmStatusWidget.Builder.create().title("Alarms").alarms(List.copyOf(this.alarms)).width(8).build());
		return this;
	}

	public OperationsDashboard graphs(String title, List<IMetric> metrics) {
		add(graph(title, metrics));
		return this;
	}

	private void add(IWidget... widgets) {
		this.dashboard.addWidgets(widgets);
	}

	private static GraphWidget graph(String title, List<IMetric> metrics) {
		return GraphWidget.Builder.create().title(title).left(metrics).width(8).build();
	}

	private static GraphWidget graph(String title, List<IMetric> metrics, HorizontalAnnotation threshold) {
		return GraphWidget.Builder.create()
			.title(title)
			.left(metrics)
			.leftAnnotations(List.of(threshold))
			.width(8)
			.build();
	}

	private static IMetric labelled(Metric metric, String label) {
		return metric.with(MetricOptions.builder().label(label).build());
	}

	private static HorizontalAnnotation line(double value, String label) {
		return HorizontalAnnotation.builder().value(value).label(label).build();
	}

}
