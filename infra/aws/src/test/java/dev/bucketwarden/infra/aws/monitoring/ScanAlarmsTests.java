package dev.bucketwarden.infra.aws.monitoring;

import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.Queue;

import dev.bucketwarden.infra.aws.settings.DeploymentSettings.Monitoring;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alarms of a deployment that sets nothing: no Infected alarm, the documented
 * thresholds, the BucketWarden namespace (the synthesized app's tests see every setting
 * changed).
 */
class ScanAlarmsTests {

	@Test
	void shouldAlarmWithTheDefaultThresholdsAndNotOnInfectedUnlessAsked() {
		Template template = alarms(Monitoring.DEFAULTS);
		template.resourcePropertiesCountIs("AWS::CloudWatch::Alarm", Map.of("AlarmName", "bucketwarden-infected"), 0);
		template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("AlarmName", "bucketwarden-time-to-verdict-p95",
				"Namespace", "BucketWarden", "Threshold", 30000));
		template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("AlarmName",
				"bucketwarden-signature-age-clamav", "Namespace", "BucketWarden", "Threshold", 24 * 3600));
		template.hasResourceProperties("AWS::CloudWatch::Alarm",
				Map.of("AlarmName", "bucketwarden-error-rate", "Threshold", 5));
		template.hasResourceProperties("AWS::CloudWatch::Alarm",
				Map.of("AlarmName", "bucketwarden-no-verdicts", "EvaluationPeriods", 15));
		template.hasResourceProperties("AWS::CloudWatch::Alarm",
				Map.of("AlarmName", "bucketwarden-scan-backlog-aging", "Threshold", 900));
		template.resourceCountIs("AWS::CloudWatch::Alarm", 5);
		template.resourceCountIs("AWS::CloudWatch::CompositeAlarm", 1);
	}

	@Test
	void shouldAlarmOnInfectedWhenAsked() {
		Monitoring infected = new Monitoring("BucketWarden", 24, true, 5, 30, 15);
		Template template = alarms(infected);
		template.hasResourceProperties("AWS::CloudWatch::Alarm",
				Map.of("AlarmName", "bucketwarden-infected", "OKActions", Match.absent()));
		template.resourceCountIs("AWS::CloudWatch::Alarm", 6);
	}

	/**
	 * The dashboard shows the alarms that notify: the composite's two children do not.
	 */
	@Test
	void shouldListTheNotifyingAlarmsForTheDashboard() {
		App app = new App();
		Stack stack = new Stack(app, "Test");
		ScanAlarms alarms = new ScanAlarms(stack, "ScanAlarms", new ScanMetrics("BucketWarden"), Monitoring.DEFAULTS,
				new Queue(stack, "Queue"), new Topic(stack, "Topic"));
		assertThat(alarms.alarms()).hasSize(4);
		assertThat(alarms.alarms().stream().map((alarm) -> alarm.getNode().getId()).toList())
			.containsExactly("ErrorRate", "SignatureAge-clamav", "TimeToVerdict", "Stalled");
	}

	private static Template alarms(Monitoring settings) {
		App app = new App();
		Stack stack = new Stack(app, "Test");
		new ScanAlarms(stack, "ScanAlarms", new ScanMetrics(settings.metricsNamespace()), settings,
				new Queue(stack, "Queue"), new Topic(stack, "Topic"));
		return Template.fromStack(stack);
	}

}
