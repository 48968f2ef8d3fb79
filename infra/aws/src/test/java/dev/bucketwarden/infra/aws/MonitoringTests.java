package dev.bucketwarden.infra.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The alarms, the dashboard and the agents' metrics export of both stacks, against the
 * metric names of docs/operations.md written out here, so that a name changed in the code
 * alone fails. The synthesized app sets the monitoring settings away from their defaults
 * ({@link SynthesizedApp#METRICS_NAMESPACE} and the rest), so each one is seen to reach
 * its alarm.
 */
class MonitoringTests {

	private static final String NAMESPACE = SynthesizedApp.METRICS_NAMESPACE;

	private final List<Template> templates = List.of(SynthesizedApp.get().console(), SynthesizedApp.get().agents());

	@Test
	void shouldAlarmOnAnyInfectedVerdictWhenAskedTo() {
		for (Template template : this.templates) {
			template.hasResourceProperties("AWS::CloudWatch::Alarm",
					Map.of("AlarmName", "bucketwarden-infected", "Namespace", NAMESPACE, "MetricName",
							"bucketwarden.scan.results.count", "Dimensions",
							List.of(Map.of("Name", "result", "Value", "Infected")), "Statistic", "Sum", "Period", 60,
							"Threshold", 1, "ComparisonOperator", "GreaterThanOrEqualToThreshold", "TreatMissingData",
							"notBreaching", "AlarmActions", List.of(alarmTopic(template))));
		}
	}

	@Test
	void shouldAlarmOnTheShareOfErrorVerdicts() {
		for (Template template : this.templates) {
			Capture metrics = new Capture();
			template.hasResourceProperties("AWS::CloudWatch::Alarm",
					Map.of("AlarmName", "bucketwarden-error-rate", "Metrics", metrics, "Threshold",
							SynthesizedApp.ERROR_RATE_PERCENT, "ComparisonOperator", "GreaterThanThreshold",
							"EvaluationPeriods", 2, "DatapointsToAlarm", 2, "TreatMissingData", "notBreaching",
							"AlarmActions", List.of(alarmTopic(template)), "OKActions", List.of(alarmTopic(template))));
			List<Object> queries = Cfn.list(metrics.asArray());
			Map<String, String> results = resultQueries(queries, 300);
			// Skipped is no verdict: there was nothing to scan.
			assertThat(results).containsOnlyKeys("clean", "infected", "infectedAllowed", "unscannable", "error")
				.containsEntry("error", "Error")
				.containsEntry("infectedAllowed", "InfectedAllowed");
			String expression = returned(queries);
			assertThat(expression).startsWith("IF((FILL(clean, 0) + ")
				.contains("100 * FILL(error, 0) / (")
				.contains("FILL(clean, 0) + FILL(infected, 0) + FILL(infectedAllowed, 0) + FILL(unscannable, 0)"
						+ " + FILL(error, 0)")
				.endsWith(", 0)");
		}
	}

	@Test
	void shouldAlarmOnSignaturesOlderThanTheAgentsAccept() {
		for (Template template : this.templates) {
			template.hasResourceProperties("AWS::CloudWatch::Alarm",
					Map.of("AlarmName", "bucketwarden-signature-age-clamav", "Namespace", NAMESPACE, "MetricName",
							"bucketwarden.engine.signature.age.value", "Dimensions",
							List.of(Map.of("Name", "engine", "Value", "clamav")), "Statistic", "Maximum", "Threshold",
							SynthesizedApp.SIGNATURE_MAX_AGE_HOURS * 3600, "ComparisonOperator", "GreaterThanThreshold",
							"AlarmActions", List.of(alarmTopic(template))));
		}
	}

	@Test
	void shouldAlarmOnASlowTimeToVerdict() {
		for (Template template : this.templates) {
			template.hasResourceProperties("AWS::CloudWatch::Alarm",
					Map.of("AlarmName", "bucketwarden-time-to-verdict-p95", "Namespace", NAMESPACE, "MetricName",
							"bucketwarden.time.to.verdict.percentile", "Dimensions",
							Match.arrayEquals(List.of(Map.of("Name", "phi", "Value", "0.95"),
									Map.of("Name", "source", "Value", "event"))),
							"Statistic", "Maximum", "Period", 300, "Threshold",
							SynthesizedApp.TIME_TO_VERDICT_SECONDS * 1000, "ComparisonOperator", "GreaterThanThreshold",
							"EvaluationPeriods", 3, "AlarmActions", List.of(alarmTopic(template))));
		}
	}

	@Test
	void shouldAlarmWhenADeadLetterQueueHoldsMessages() {
		for (Template template : this.templates) {
			for (String queue : List.of("bucketwarden-scan", "bucketwarden-retro")) {
				template.hasResourceProperties("AWS::CloudWatch::Alarm",
						Map.of("AlarmName", queue + "-dlq-not-empty", "Namespace", "AWS/SQS", "MetricName",
								"ApproximateNumberOfMessagesVisible", "Threshold", 1, "ComparisonOperator",
								"GreaterThanOrEqualToThreshold", "AlarmActions", List.of(alarmTopic(template))));
			}
		}
	}

	/**
	 * Both children must be in alarm: no verdicts (missing counts as no verdicts: dead
	 * agents publish nothing) and the scan queue's oldest message as old. Only the
	 * composite notifies.
	 */
	@Test
	void shouldAlarmWhenNothingIsScannedWhileTheBacklogAges() {
		int minutes = SynthesizedApp.STALLED_MINUTES;
		for (Template template : this.templates) {
			Capture metrics = new Capture();
			template.hasResourceProperties("AWS::CloudWatch::Alarm",
					Map.of("AlarmName", "bucketwarden-no-verdicts", "Metrics", metrics, "Threshold", 0,
							"ComparisonOperator", "LessThanOrEqualToThreshold", "EvaluationPeriods", minutes,
							"DatapointsToAlarm", minutes, "TreatMissingData", "breaching", "AlarmActions",
							Match.absent()));
			List<Object> queries = Cfn.list(metrics.asArray());
			assertThat(resultQueries(queries, 60)).hasSize(6).containsEntry("skipped", "Skipped");
			assertThat(returned(queries)).isEqualTo("FILL(clean, 0) + FILL(infected, 0) + FILL(infectedAllowed, 0)"
					+ " + FILL(unscannable, 0) + FILL(error, 0) + FILL(skipped, 0)");
			Capture queue = new Capture();
			template.hasResourceProperties("AWS::CloudWatch::Alarm",
					Map.of("AlarmName", "bucketwarden-scan-backlog-aging", "Namespace", "AWS/SQS", "MetricName",
							"ApproximateAgeOfOldestMessage", "Dimensions",
							List.of(Map.of("Name", "QueueName", "Value",
									Map.of("Fn::GetAtt", List.of(queue, "QueueName")))),
							"Threshold", minutes * 60, "ComparisonOperator", "GreaterThanOrEqualToThreshold",
							"TreatMissingData", "notBreaching", "AlarmActions", Match.absent()));
			assertThat(queue.asString()).startsWith("ScanningScanQueue").doesNotContain("DeadLetter");
			Capture rule = new Capture();
			template.hasResourceProperties("AWS::CloudWatch::CompositeAlarm",
					Map.of("AlarmName", "bucketwarden-scans-stalled", "AlarmRule", rule, "AlarmActions",
							List.of(alarmTopic(template)), "OKActions", List.of(alarmTopic(template))));
			String text = Cfn.text(rule.asObject());
			assertThat(text).matches("\\(ALARM\\(\"\\$\\{ScanAlarmsNoVerdicts[0-9A-F]+\\.Arn}\"\\) AND "
					+ "ALARM\\(\"\\$\\{ScanAlarmsBacklogAging[0-9A-F]+\\.Arn}\"\\)\\)");
		}
	}

	@Test
	void shouldShowTheAgentsMetricsOnTheDashboard() {
		Map<String, String> dashboards = Map.of("BucketWarden-" + SynthesizedApp.CONSOLE_REGION,
				Cfn.text(dashboard(SynthesizedApp.get().consoleJson())), "BucketWarden-" + SynthesizedApp.AGENT_REGION,
				Cfn.text(dashboard(SynthesizedApp.get().agentsJson())));
		dashboards.forEach((name, body) -> {
			// References to resources and the region are text inside strings: still JSON.
			assertThatNoException().as(name).isThrownBy(() -> new ObjectMapper().readTree(body));
			assertThat(body).as(name)
				.contains("[\"" + NAMESPACE + "\",\"bucketwarden.scan.results.count\",\"result\",\"Clean\"")
				.contains("\"result\",\"InfectedAllowed\"")
				.contains("\"result\",\"Skipped\"")
				.contains("\"bucketwarden.time.to.verdict.percentile\",\"phi\",\"0.95\",\"source\",\"event\"")
				.contains("\"phi\",\"0.99\"")
				.contains("[\"" + NAMESPACE + "\",\"bucketwarden.engine.signature.age.value\",\"engine\",\"clamav\"")
				.contains("SEARCH('{\\\"" + NAMESPACE
						+ "\\\",engine,kind} MetricName=\\\"bucketwarden.engine.errors.count\\\"', 'Sum', 60)")
				.contains("SEARCH('{\\\"" + NAMESPACE
						+ "\\\",service,operation,attempt} MetricName=\\\"bucketwarden.aws.requests.count\\\"'")
				.contains("MetricName=\\\"bucketwarden.dlq.sends.count\\\"")
				.contains("\"AWS/SQS\",\"ApproximateAgeOfOldestMessage\"")
				.contains("\"AWS/SQS\",\"ApproximateNumberOfMessagesVisible\"")
				.contains("\"value\":" + SynthesizedApp.TIME_TO_VERDICT_SECONDS * 1000)
				.contains("\"value\":" + SynthesizedApp.SIGNATURE_MAX_AGE_HOURS * 3600);
			for (String alarm : List.of("ScanAlarmsInfected", "ScanAlarmsErrorRate", "ScanAlarmsTimeToVerdict",
					"ScanAlarmsStalled", "ScanningScanQueueDeadLetterAlarm")) {
				assertThat(body).as(name).containsPattern("\\$\\{" + alarm + "[0-9A-F]+\\.Arn}");
			}
		});
	}

	/**
	 * Every agent (event, retro, API) may put metric data, into the deployment's
	 * namespace only, and no other role may.
	 */
	@Test
	void shouldLetTheAgentsPutMetricDataIntoTheirNamespaceOnly() {
		assertThat(metricPublishers(SynthesizedApp.get().consoleJson())).containsExactly(
				"bucketwarden-agent-api-eu-central-1", "bucketwarden-agent-event-eu-central-1",
				"bucketwarden-agent-retro-eu-central-1");
		assertThat(metricPublishers(SynthesizedApp.get().agentsJson()))
			.containsExactly("bucketwarden-agent-event-us-west-2", "bucketwarden-agent-retro-us-west-2");
	}

	@Test
	void shouldSwitchTheAgentsCloudWatchExportOn() {
		for (Map<String, Object> template : List.of(SynthesizedApp.get().consoleJson(),
				SynthesizedApp.get().agentsJson())) {
			List<String> families = new ArrayList<>();
			Cfn.resources(template, "AWS::ECS::TaskDefinition").values().forEach((task) -> {
				for (Object container : Cfn.list(task.get("ContainerDefinitions"))) {
					Map<String, Object> environment = new LinkedHashMap<>();
					for (Object variable : Cfn.list(Cfn.path(container, "Environment"))) {
						environment.put(Cfn.path(variable, "Name"), Cfn.path(variable, "Value"));
					}
					if (environment.containsKey("BUCKETWARDEN_RESULTS_TABLE")
							&& !"console-service".equals(Cfn.path(container, "Name"))) {
						families.add((String) task.get("Family"));
						assertThat(environment).as("%s", task.get("Family"))
							.containsEntry("BUCKETWARDEN_METRICS_CLOUDWATCH_ENABLED", "true")
							.containsEntry("BUCKETWARDEN_METRICS_CLOUDWATCH_NAMESPACE", NAMESPACE)
							.containsEntry("BUCKETWARDEN_METRICS_CLOUDWATCH_STEP", "PT1M")
							.containsEntry("BUCKETWARDEN_HEALTH_SIGNATUREMAXAGE",
									SynthesizedApp.SIGNATURE_MAX_AGE_HOURS + "h");
					}
				}
			});
			assertThat(families).contains("bucketwarden-event-agent", "bucketwarden-retro-agent");
		}
	}

	/** The roles (by name) with the statement that lets them put metric data. */
	private static TreeSet<String> metricPublishers(Map<String, Object> template) {
		Map<String, Map<String, Object>> roles = Cfn.resources(template, "AWS::IAM::Role");
		Map<String, Object> expected = Map.of("Sid", "PublishScanMetrics", "Effect", "Allow", "Action",
				"cloudwatch:PutMetricData", "Resource", "*", "Condition",
				Map.of("StringEquals", Map.of("cloudwatch:namespace", NAMESPACE)));
		TreeSet<String> publishers = new TreeSet<>();
		Cfn.resources(template, "AWS::IAM::Policy").forEach((id, policy) -> {
			for (Object statement : Cfn.list(Cfn.path(policy, "PolicyDocument", "Statement"))) {
				boolean puts = Cfn.list(Cfn.path(statement, "Action")).contains("cloudwatch:PutMetricData");
				if (puts) {
					assertThat(statement).as(id).isEqualTo(expected);
					for (Object role : Cfn.list(policy.get("Roles"))) {
						publishers.add((String) roles.get((String) Cfn.path(role, "Ref")).get("RoleName"));
					}
				}
			}
		});
		return publishers;
	}

	/** The alarm topic of the stack, as alarm actions reference it. */
	private static Map<String, Object> alarmTopic(Template template) {
		Map<String, Map<String, Object>> topics = Cfn.resources(template.toJSON(), "AWS::SNS::Topic");
		String id = topics.entrySet()
			.stream()
			.filter((topic) -> "BucketWarden alarms".equals(topic.getValue().get("DisplayName")))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow();
		return Map.of("Ref", id);
	}

	/**
	 * The metric math queries that read a result count (by id, the result they read),
	 * each checked to read the deployment's namespace, the result dimension alone, every
	 * {@code period} seconds.
	 */
	private static Map<String, String> resultQueries(List<Object> queries, int period) {
		Map<String, String> results = new LinkedHashMap<>();
		for (Object query : queries) {
			Object stat = Cfn.path(query, "MetricStat");
			if (stat != null) {
				assertThat((Object) Cfn.path(stat, "Metric", "Namespace")).isEqualTo(NAMESPACE);
				assertThat((Object) Cfn.path(stat, "Metric", "MetricName"))
					.isEqualTo("bucketwarden.scan.results.count");
				assertThat((Object) Cfn.path(stat, "Stat")).isEqualTo("Sum");
				assertThat((Object) Cfn.path(stat, "Period")).isEqualTo(period);
				List<Object> dimensions = Cfn.list(Cfn.path(stat, "Metric", "Dimensions"));
				assertThat(dimensions).singleElement()
					.satisfies((dimension) -> assertThat((Object) Cfn.path(dimension, "Name")).isEqualTo("result"));
				results.put(Cfn.path(query, "Id"), Cfn.path(dimensions.getFirst(), "Value"));
				assertThat((Object) Cfn.path(query, "ReturnData")).isEqualTo(false);
			}
		}
		return results;
	}

	/** The expression the alarm judges: the one query that returns data. */
	private static String returned(List<Object> queries) {
		List<Object> returning = queries.stream()
			.filter((query) -> !Boolean.FALSE.equals(Cfn.path(query, "ReturnData")))
			.toList();
		assertThat(returning).hasSize(1);
		return Cfn.path(returning.getFirst(), "Expression");
	}

	private static Object dashboard(Map<String, Object> template) {
		Map<String, Map<String, Object>> dashboards = Cfn.resources(template, "AWS::CloudWatch::Dashboard");
		assertThat(dashboards).hasSize(1);
		return dashboards.values().iterator().next().get("DashboardBody");
	}

}
