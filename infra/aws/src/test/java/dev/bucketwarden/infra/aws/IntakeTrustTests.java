package dev.bucketwarden.infra.aws;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events nobody can inject: each region's S3 event topic takes notifications only from S3
 * for the allowed accounts' and organizations' buckets and explicitly denies every other
 * publisher; each scan queue explicitly denies SendMessage to all but the topic's and the
 * EventBridge rule's deliveries and the console's role.
 */
class IntakeTrustTests {

	/** The console region's buckets and those of the linked account acted on there. */
	private static final List<String> SOURCE_ARNS = List.of("arn:${AWS::Partition}:s3:::acme-uploads",
			"arn:${AWS::Partition}:s3:::acme-invoices", "arn:${AWS::Partition}:s3:::acme-shared-*",
			"arn:${AWS::Partition}:s3:::partner-uploads", "arn:${AWS::Partition}:s3:::partner-data-*");

	@Test
	void shouldLetS3PublishOnlyForTheAllowedAccountsAndOrganizations() {
		Map<String, Object> console = SynthesizedApp.get().consoleJson();
		String topic = "${" + logicalId(console, "AWS::SNS::Topic", "TopicName", "bucketwarden-s3-events") + "}";
		assertThat(topicStatement(console, "S3NotificationsOfProtectedBuckets"))
			.isEqualTo(Map.of("Sid", "S3NotificationsOfProtectedBuckets", "Effect", "Allow", "Principal",
					Map.of("Service", "s3.amazonaws.com"), "Action", "sns:Publish", "Resource", topic, "Condition",
					Map.of("ArnLike", Map.of("aws:SourceArn", SOURCE_ARNS), "StringEquals",
							Map.of("aws:SourceAccount", SynthesizedApp.CONSOLE_REGION_ACCOUNTS))));
		assertThat(topicStatement(console, "S3NotificationsOfProtectedBucketsInOrganizations"))
			.isEqualTo(Map.of("Sid", "S3NotificationsOfProtectedBucketsInOrganizations", "Effect", "Allow", "Principal",
					Map.of("Service", "s3.amazonaws.com"), "Action", "sns:Publish", "Resource", topic, "Condition",
					Map.of("ArnLike", Map.of("aws:SourceArn", SOURCE_ARNS), "StringEquals",
							Map.of("aws:SourceOrgID", List.of(SynthesizedApp.ORGANIZATION)))));
		Map<String, Object> agents = SynthesizedApp.get().agentsJson();
		assertThat((Object) Cfn.path(topicStatement(agents, "S3NotificationsOfProtectedBuckets"), "Condition"))
			.isEqualTo(Map.of("ArnLike",
					Map.of("aws:SourceArn",
							SynthesizedApp.AGENT_REGION_INTAKE.stream()
								.map((bucket) -> "arn:${AWS::Partition}:s3:::" + bucket)
								.toList()),
					"StringEquals", Map.of("aws:SourceAccount", SynthesizedApp.AGENT_REGION_ACCOUNTS)));
	}

	@Test
	void shouldDenyPublishingToEveryoneButS3AndTheConsole() {
		Map<String, Object> console = SynthesizedApp.get().consoleJson();
		String topic = "${" + logicalId(console, "AWS::SNS::Topic", "TopicName", "bucketwarden-s3-events") + "}";
		assertThat(topicStatement(console, "DenyPublishButS3")).isEqualTo(Map.of("Sid", "DenyPublishButS3", "Effect",
				"Deny", "Principal", Map.of("AWS", "*"), "Action", "sns:Publish", "Resource", topic, "Condition",
				Map.of("StringNotEquals", Map.of("aws:PrincipalServiceName", "s3.amazonaws.com"), "ArnNotEquals",
						Map.of("aws:PrincipalArn", SynthesizedApp.CONSOLE_ROLE_ARN))));
		// No console in a further region: S3 alone.
		Map<String, Object> agents = SynthesizedApp.get().agentsJson();
		assertThat((Object) Cfn.path(topicStatement(agents, "DenyPublishButS3"), "Condition"))
			.isEqualTo(Map.of("StringNotEquals", Map.of("aws:PrincipalServiceName", "s3.amazonaws.com")));
	}

	@Test
	void shouldDenySendingToTheScanQueueButTheTopicTheRuleAndTheConsole() {
		Map<String, Object> console = SynthesizedApp.get().consoleJson();
		assertThat(queueStatement(console)).isEqualTo(Map.of("Sid", "DenySendButIntake", "Effect", "Deny", "Principal",
				Map.of("AWS", "*"), "Action", "sqs:SendMessage", "Resource", scanQueueArn(console), "Condition",
				Map.of("ArnNotEquals", Map.of("aws:SourceArn", intakeArns(console), "aws:PrincipalArn",
						List.of(SynthesizedApp.CONSOLE_ROLE_ARN, SynthesizedApp.BREAK_GLASS_ROLE)))));
		Map<String, Object> agents = SynthesizedApp.get().agentsJson();
		assertThat(queueStatement(agents)).isEqualTo(Map.of("Sid", "DenySendButIntake", "Effect", "Deny", "Principal",
				Map.of("AWS", "*"), "Action", "sqs:SendMessage", "Resource", scanQueueArn(agents), "Condition",
				Map.of("ArnNotEquals", Map.of("aws:SourceArn", intakeArns(agents), "aws:PrincipalArn",
						SynthesizedApp.BREAK_GLASS_ROLE))));
	}

	/**
	 * The topic's and the rule's deliveries are still allowed by their own statements.
	 */
	@Test
	void shouldStillLetTheTopicAndTheRuleDeliver() {
		for (Map<String, Object> template : List.of(SynthesizedApp.get().consoleJson(),
				SynthesizedApp.get().agentsJson())) {
			List<Object> allows = queueStatements(template).stream()
				.filter((s) -> "Allow".equals(Cfn.path(s, "Effect")))
				.map((s) -> Cfn.texts(s, (text) -> text))
				.toList();
			assertThat(allows).extracting((s) -> Cfn.path(s, "Condition", "ArnEquals", "aws:SourceArn"))
				.containsExactlyInAnyOrderElementsOf(intakeArns(template));
		}
	}

	private static List<String> intakeArns(Map<String, Object> template) {
		return List.of("${" + logicalId(template, "AWS::SNS::Topic", "TopicName", "bucketwarden-s3-events") + "}",
				"${" + logicalId(template, "AWS::Events::Rule", "Name", "bucketwarden-object-created") + ".Arn}");
	}

	private static String scanQueueArn(Map<String, Object> template) {
		return "${" + logicalId(template, "AWS::SQS::Queue", "QueueName", "bucketwarden-scan") + ".Arn}";
	}

	private static Map<String, Object> topicStatement(Map<String, Object> template, String sid) {
		String topic = logicalId(template, "AWS::SNS::Topic", "TopicName", "bucketwarden-s3-events");
		List<Object> statements = Cfn.resources(template, "AWS::SNS::TopicPolicy")
			.values()
			.stream()
			.filter((policy) -> Cfn.list(policy.get("Topics"))
				.stream()
				.map(Cfn::text)
				.toList()
				.contains("${" + topic + "}"))
			.flatMap((policy) -> Cfn.list(Cfn.path(policy, "PolicyDocument", "Statement")).stream())
			.filter((statement) -> sid.equals(Cfn.path(statement, "Sid")))
			.toList();
		assertThat(statements).as("statement %s", sid).hasSize(1);
		return Cfn.texts(statements.getFirst(), (text) -> text);
	}

	private static Map<String, Object> queueStatement(Map<String, Object> template) {
		List<Object> statements = queueStatements(template).stream()
			.filter((statement) -> "DenySendButIntake".equals(Cfn.path(statement, "Sid")))
			.toList();
		assertThat(statements).hasSize(1);
		return Cfn.texts(statements.getFirst(), (text) -> text);
	}

	private static List<Object> queueStatements(Map<String, Object> template) {
		String queue = logicalId(template, "AWS::SQS::Queue", "QueueName", "bucketwarden-scan");
		return Cfn.resources(template, "AWS::SQS::QueuePolicy")
			.values()
			.stream()
			.filter((policy) -> Cfn.list(policy.get("Queues"))
				.stream()
				.map(Cfn::text)
				.toList()
				.contains("${" + queue + "}"))
			.flatMap((policy) -> Cfn.list(Cfn.path(policy, "PolicyDocument", "Statement")).stream())
			.toList();
	}

	private static String logicalId(Map<String, Object> template, String type, String property, String value) {
		List<String> ids = Cfn.resources(template, type)
			.entrySet()
			.stream()
			.filter((resource) -> value.equals(resource.getValue().get(property)))
			.map(Map.Entry::getKey)
			.toList();
		assertThat(ids).as("%s %s", type, value).hasSize(1);
		return ids.getFirst();
	}

}
