package dev.bucketwarden.infra.aws.monitoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmRule;
import software.amazon.awscdk.services.cloudwatch.AlarmState;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.CompositeAlarm;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

import dev.bucketwarden.infra.aws.settings.DeploymentSettings.Monitoring;

/**
 * The alarms on the agents' metrics in one region, to the operators' topic: Infected
 * verdicts (when the deployment asks for them), an error rate, stale signatures, a slow
 * time to verdict, and no verdicts while the scan queue's oldest message ages. The
 * dead-letter queues' alarms are the queues' own
 * ({@link dev.bucketwarden.infra.aws.queue.WorkQueue}).
 * <p>
 * Where a metric is missing the agents published nothing: for a rate, an age or a
 * percentile that is no evidence of trouble (no uploads), and the stalled alarm is the
 * one that treats silence as the failure it is (no agent running).
 */
public final class ScanAlarms extends Construct {

	/** Alarms judge five-minute windows, where one slow minute is noise. */
	static final Duration WINDOW = Duration.minutes(5);

	private final List<IAlarm> alarms = new ArrayList<>();

	public ScanAlarms(Construct scope, String id, ScanMetrics metrics, Monitoring settings, IQueue scanQueue,
			ITopic alarmTopic) {
		super(scope, id);
		SnsAction notify = new SnsAction(alarmTopic);
		if (settings.alarmOnInfected()) {
			Alarm infected = Alarm.Builder.create(this, "Infected")
				.alarmName("bucketwarden-infected")
				.alarmDescription("An object was scanned Infected in the last minute. Its finding names the object;"
						+ " the object is quarantined or kept by the bucket's remediation. Check where it came from.")
				.metric(metrics.results(ScanMetrics.INFECTED, ScanMetrics.STEP))
				.threshold(1)
				.evaluationPeriods(1)
				.comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
				.treatMissingData(TreatMissingData.NOT_BREACHING)
				.build();
			// An infection is an event, not a state: no "back to OK" a minute later.
			infected.addAlarmAction(notify);
			this.alarms.add(infected);
		}
		add(notify, Alarm.Builder.create(this, "ErrorRate")
			.alarmName("bucketwarden-error-rate")
			.alarmDescription("More than " + settings.errorRateAlarmPercent() + "% of the verdicts were Error in two"
					+ " five-minute windows in a row: objects stay unscanned (untagged, or tagged Error). See the engine"
					+ " errors on the dashboard and the agents' logs (clamd down, access denied, KMS).")
			.metric(errorRate(metrics))
			.threshold(settings.errorRateAlarmPercent())
			.evaluationPeriods(2)
			.datapointsToAlarm(2)
			.comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
			.treatMissingData(TreatMissingData.NOT_BREACHING)
			.build());
		for (String engine : ScanMetrics.ENGINES) {
			add(notify, Alarm.Builder.create(this, "SignatureAge-" + engine)
				.alarmName("bucketwarden-signature-age-" + engine)
				.alarmDescription("The " + engine + " signatures of an agent are older than "
						+ settings.signatureMaxAgeHours() + " hours: the engine is no longer ready and the agent"
						+ " stops taking work. Check the signature updates (freshclam in the sidecar, its egress).")
				.metric(metrics.signatureAge(engine, WINDOW))
				.threshold(settings.signatureMaxAgeHours() * 3600.0)
				.evaluationPeriods(1)
				.comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
				.treatMissingData(TreatMissingData.NOT_BREACHING)
				.build());
		}
		add(notify, Alarm.Builder.create(this, "TimeToVerdict")
			.alarmName("bucketwarden-time-to-verdict-p95")
			.alarmDescription("The event agents' time to verdict p95 (S3 event to result tag) was over "
					+ settings.timeToVerdictAlarmSeconds() + " s for 15 minutes: readers wait for verdicts. See the"
					+ " scan queue's backlog and the agents' scaling and CPU on the dashboard.")
			.metric(metrics.timeToVerdict(ScanMetrics.P95, WINDOW))
			.threshold(settings.timeToVerdictAlarmSeconds() * 1000.0)
			.evaluationPeriods(3)
			.datapointsToAlarm(3)
			.comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
			.treatMissingData(TreatMissingData.NOT_BREACHING)
			.build());
		stalled(metrics, settings.stalledScanAlarmMinutes(), scanQueue, notify);
	}

	/** The alarms, for the dashboard. */
	public List<IAlarm> alarms() {
		return List.copyOf(this.alarms);
	}

	private void add(SnsAction notify, Alarm alarm) {
		alarm.addAlarmAction(notify);
		alarm.addOkAction(notify);
		this.alarms.add(alarm);
	}

	/**
	 * Error verdicts in percent of all verdicts (Skipped is none: there was nothing to
	 * scan). A result no agent gave in the window is missing, not zero, hence FILL; a
	 * window without verdicts is 0 %, not a division by zero.
	 */
	private static IMetric errorRate(ScanMetrics metrics) {
		Map<String, IMetric> verdicts = verdicts(metrics, WINDOW, false);
		String sum = sum(verdicts);
		return MathExpression.Builder.create()
			.expression("IF((" + sum + ") > 0, 100 * FILL(" + id(ScanMetrics.ERROR) + ", 0) / (" + sum + "), 0)")
			.usingMetrics(verdicts)
			.label("Error verdicts, % of all")
			.period(WINDOW)
			.build();
	}

	/**
	 * No verdicts for {@code minutes} while the scan queue's oldest message is at least
	 * as old: nothing consumes the queue (agents crashed, intake paused, no tasks,
	 * credentials gone). Either condition alone is normal: a quiet night has no verdicts,
	 * a large backlog being worked through has an old message. A missing verdict count is
	 * breaching, since dead agents publish nothing; a missing queue age is not (SQS
	 * publishes nothing for an idle queue).
	 */
	private void stalled(ScanMetrics metrics, int minutes, IQueue scanQueue, SnsAction notify) {
		Map<String, IMetric> all = verdicts(metrics, ScanMetrics.STEP, true);
		Alarm noVerdicts = Alarm.Builder.create(this, "NoVerdicts")
			.alarmName("bucketwarden-no-verdicts")
			.alarmDescription("No verdict (of any result) in " + minutes + " minutes. Alone this is a quiet"
					+ " period; it notifies through bucketwarden-scans-stalled only.")
			.metric(MathExpression.Builder.create()
				.expression(sum(all))
				.usingMetrics(all)
				.label("Verdicts")
				.period(ScanMetrics.STEP)
				.build())
			.threshold(0)
			.evaluationPeriods(minutes)
			.datapointsToAlarm(minutes)
			.comparisonOperator(ComparisonOperator.LESS_THAN_OR_EQUAL_TO_THRESHOLD)
			.treatMissingData(TreatMissingData.BREACHING)
			.build();
		Alarm backlogAging = Alarm.Builder.create(this, "BacklogAging")
			.alarmName("bucketwarden-scan-backlog-aging")
			.alarmDescription("A message has waited " + minutes + " minutes on the scan queue. Alone this can be a"
					+ " large backlog being worked through; it notifies through bucketwarden-scans-stalled only.")
			.metric(scanQueue.metricApproximateAgeOfOldestMessage(
					MetricOptions.builder().period(ScanMetrics.STEP).statistic("Maximum").build()))
			.threshold(minutes * 60.0)
			.evaluationPeriods(1)
			.comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
			.treatMissingData(TreatMissingData.NOT_BREACHING)
			.build();
		CompositeAlarm stalled = CompositeAlarm.Builder.create(this, "Stalled")
			.compositeAlarmName("bucketwarden-scans-stalled")
			.alarmDescription("No verdict in " + minutes + " minutes while a message has waited as long on the scan"
					+ " queue: new objects stay unscanned. Check the event agents' service (running tasks, deployment,"
					+ " stopped tasks' reasons), their logs and whether their intake is paused.")
			.alarmRule(AlarmRule.allOf(AlarmRule.fromAlarm(noVerdicts, AlarmState.ALARM),
					AlarmRule.fromAlarm(backlogAging, AlarmState.ALARM)))
			.build();
		stalled.addAlarmAction(notify);
		stalled.addOkAction(notify);
		this.alarms.add(stalled);
	}

	/** The verdict counts by result, keyed by their metric math ids. */
	private static Map<String, IMetric> verdicts(ScanMetrics metrics, Duration period, boolean withSkipped) {
		Map<String, IMetric> verdicts = new LinkedHashMap<>();
		for (String result : ScanMetrics.RESULTS) {
			if (withSkipped || !result.equals(ScanMetrics.SKIPPED)) {
				verdicts.put(id(result), metrics.results(result, period));
			}
		}
		return verdicts;
	}

	private static String sum(Map<String, IMetric> metrics) {
		return metrics.keySet().stream().map((id) -> "FILL(" + id + ", 0)").collect(Collectors.joining(" + "));
	}

	/** A metric math id: a lower-case letter first. */
	private static String id(String result) {
		return Character.toLowerCase(result.charAt(0)) + result.substring(1);
	}

}
