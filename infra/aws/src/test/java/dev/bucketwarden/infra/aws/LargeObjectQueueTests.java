package dev.bucketwarden.infra.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The large-object queue (docs/large-objects.md): a work queue with its DLQ and alarm, a
 * visibility suited to a 256 MiB window, the event agents allowed to send and consume
 * parts and the retro agent to send them, and the event agents scaled on its backlog too.
 */
class LargeObjectQueueTests {

	private final Template template = SynthesizedApp.get().console();

	@Test
	void shouldKeepPartsInvisibleForAWindowScanAndDeadLetterThemAfterMaxAttempts() {
		this.template.hasResourceProperties("AWS::SQS::Queue",
				Map.of("QueueName", "bucketwarden-large-objects", "VisibilityTimeout", 300, "RedrivePolicy",
						Map.of("maxReceiveCount", 5, "deadLetterTargetArn", Match.anyValue()), "SqsManagedSseEnabled",
						true));
		this.template.hasResourceProperties("AWS::SQS::Queue",
				Map.of("QueueName", "bucketwarden-large-objects-dlq", "MessageRetentionPeriod", 1209600));
		this.template.hasResourceProperties("AWS::CloudWatch::Alarm",
				Map.of("AlarmName", "bucketwarden-large-objects-dlq-not-empty"));
	}

	@Test
	void shouldLetEventAgentsSendAndConsumePartsAndRetroAgentsSendThem() {
		List<String> event = sqsActions("EventAgentRole");
		assertThat(event).contains("sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage",
				"sqs:ChangeMessageVisibility");
		List<String> retro = sqsActions("RetroAgentRole");
		assertThat(retro).contains("sqs:SendMessage").doesNotContain("sqs:ReceiveMessage");
	}

	@Test
	void shouldScaleEventAgentsOnTheScanAndLargeObjectBacklogsTogether() {
		this.template
			.hasResourceProperties(
					"AWS::ApplicationAutoScaling::ScalingPolicy", Map
						.of("TargetTrackingScalingPolicyConfiguration",
								Match
									.objectLike(
											Map.of("CustomizedMetricSpecification",
													Map.of("Metrics",
															Match.arrayWith(List.of(
																	Match.objectLike(Map.of("Id", "parts", "MetricStat",
																			Match.objectLike(Map.of("Metric", Match
																				.objectLike(Map.of("Dimensions",
																						List.of(Map.of("Name",
																								"QueueName", "Value",
																								Match
																									.anyValue())))))))),
																	Match.objectLike(Map.of("Expression",
																			"(visible + parts) / tasks")))))))));
	}

	@Test
	void shouldTellTheScanningAgentsTheQueue() {
		for (String family : List.of("bucketwarden-event-agent", "bucketwarden-retro-agent")) {
			this.template
				.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of("Family", family, "ContainerDefinitions",
						Match.arrayWith(List.of(Match.objectLike(Map.of("Environment", Match.arrayWith(List.of(
								Map.of("Name", "BUCKETWARDEN_LARGEOBJECTS_QUEUEURL", "Value", Match.anyValue()),
								Map.of("Name", "BUCKETWARDEN_LARGEOBJECTS_MAXATTEMPTS", "Value", "5"),
								Map.of("Name", "BUCKETWARDEN_LARGEOBJECTS_VISIBILITYTIMEOUT", "Value", "300s")))))))));
		}
	}

	private static String json(Object node) {
		try {
			return new ObjectMapper().writeValueAsString(node);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The SQS actions a role's policies allow on the large-object queue. */
	private static List<String> sqsActions(String role) {
		List<String> actions = new ArrayList<>();
		for (Map<String, Object> policy : Cfn.resources(SynthesizedApp.get().consoleJson(), "AWS::IAM::Policy")
			.values()) {
			if (!json(Cfn.path(policy, "Roles")).contains(role)) {
				continue;
			}
			for (Object statement : Cfn.list(Cfn.path(policy, "PolicyDocument", "Statement"))) {
				// The queue itself, not its dead-letter queue.
				if (json(Cfn.path(statement, "Resource")).matches("(?s).*\"ScanningLargeObjectQueue[0-9A-F]{8}\".*")) {
					Cfn.list(Cfn.path(statement, "Action")).forEach((action) -> actions.add((String) action));
				}
			}
		}
		return actions;

	}

}
