package dev.bucketwarden.infra.aws;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import static org.assertj.core.api.Assertions.assertThat;

/** The console region's template has every resource with its key properties. */
class ConsoleRegionStackTests {

	private final Template template = SynthesizedApp.get().console();

	@Test
	void shouldDeadLetterScanAndRetroMessagesAfterMaxAttempts() {
		for (String queue : List.of("bucketwarden-scan", "bucketwarden-retro", "bucketwarden-large-objects")) {
			this.template.hasResourceProperties("AWS::SQS::Queue",
					Map.of("QueueName", queue, "RedrivePolicy",
							Map.of("maxReceiveCount", 5, "deadLetterTargetArn", Match.anyValue()),
							"SqsManagedSseEnabled", true));
			this.template.hasResourceProperties("AWS::SQS::Queue",
					Map.of("QueueName", queue + "-dlq", "MessageRetentionPeriod", 1209600));
		}
		this.template.resourceCountIs("AWS::SQS::Queue", 6);
	}

	@Test
	void shouldEmailTheAlarmAddressWhenADeadLetterQueueHoldsMessages() {
		this.template.hasParameter("AlarmEmail", Map.of("Type", "String"));
		this.template.hasResourceProperties("AWS::SNS::Subscription",
				Map.of("Protocol", "email", "Endpoint", Map.of("Ref", "AlarmEmail")));
		for (String queue : List.of("bucketwarden-scan", "bucketwarden-retro")) {
			this.template.hasResourceProperties("AWS::CloudWatch::Alarm",
					Map.of("AlarmName", queue + "-dlq-not-empty", "MetricName", "ApproximateNumberOfMessagesVisible",
							"Namespace", "AWS/SQS", "Threshold", 1, "ComparisonOperator",
							"GreaterThanOrEqualToThreshold", "AlarmActions", List.of(Map.of("Ref", Match.anyValue()))));
		}
	}

	@Test
	void shouldFeedTheScanQueueFromTheS3EventTopic() {
		Capture topic = new Capture();
		this.template.hasResourceProperties("AWS::SNS::Topic", Map.of("TopicName", "bucketwarden-s3-events"));
		this.template.hasResourceProperties("AWS::SNS::Subscription",
				Map.of("Protocol", "sqs", "TopicArn", Map.of("Ref", topic), "Endpoint", Match.anyValue()));
		assertThat(topic.asString()).startsWith("ScanningS3Events");
		this.template.hasResourceProperties("AWS::SNS::TopicPolicy",
				Map.of("PolicyDocument",
						Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of("Principal",
								Map.of("Service", "s3.amazonaws.com"), "Action", "sns:Publish", "Condition",
								Map.of("ArnLike", Map.of("aws:SourceArn", Match.anyValue()), "StringEquals",
										Map.of("aws:SourceAccount", SynthesizedApp.CONSOLE_REGION_ACCOUNTS)))))))));
		this.template.hasResourceProperties("AWS::SNS::Topic", Map.of("TopicName", "bucketwarden-findings"));
	}

	/**
	 * S3 checks the topic's policy when the console wires a bucket: it accepts the
	 * protected buckets' names and patterns (ArnLike), of the allowed accounts only.
	 */
	@Test
	void shouldAcceptNotificationsOfTheProtectedNamesAndPatterns() {
		List<Object> statements = Cfn.resources(SynthesizedApp.get().consoleJson(), "AWS::SNS::TopicPolicy")
			.values()
			.stream()
			.flatMap((policy) -> Cfn.list(Cfn.path(policy, "PolicyDocument", "Statement")).stream())
			.filter((statement) -> "S3NotificationsOfProtectedBuckets".equals(Cfn.path(statement, "Sid")))
			.toList();
		assertThat(statements).singleElement().satisfies((statement) -> {
			assertThat(Cfn.list(Cfn.path(statement, "Condition", "ArnLike", "aws:SourceArn")).stream().map(Cfn::text))
				.containsExactlyElementsOf(SynthesizedApp.CONSOLE_REGION_INTAKE.stream()
					.map((b) -> "arn:${AWS::Partition}:s3:::" + b)
					.toList());
			assertThat(Cfn.list(Cfn.path(statement, "Condition", "StringEquals", "aws:SourceAccount")))
				.containsExactlyElementsOf(SynthesizedApp.CONSOLE_REGION_ACCOUNTS);
		});
	}

	@Test
	void shouldKeyEveryTableByPkAndSk() {
		for (String table : List.of("bucketwarden-results", "bucketwarden-jobs", "bucketwarden-settings")) {
			this.template.hasResourceProperties("AWS::DynamoDB::Table",
					Map.of("TableName", table, "BillingMode", "PAY_PER_REQUEST", "KeySchema",
							List.of(Map.of("AttributeName", "pk", "KeyType", "HASH"),
									Map.of("AttributeName", "sk", "KeyType", "RANGE")),
							"PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true)));
		}
		this.template.hasResource("AWS::DynamoDB::Table", Map.of("DeletionPolicy", "Retain"));
	}

	@Test
	void shouldServeHttpsOnlyAndRouteTheApiAgentsPaths() {
		this.template.hasParameter("CertificateArn", Map.of("Type", "String"));
		this.template.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener",
				Map.of("Protocol", "HTTPS", "Port", 443, "Certificates",
						List.of(Map.of("CertificateArn", Map.of("Ref", "CertificateArn"))), "DefaultActions",
						// The console signs people in itself (OIDC with Cognito) and
						// takes
						// bearer tokens on its REST API: no login redirect at the load
						// balancer.
						List.of(Match.objectLike(Map.of("Type", "forward")))));
		this.template.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener",
				Map.of("Protocol", "HTTP", "Port", 80, "DefaultActions", List.of(Match.objectLike(Map.of("Type",
						"redirect", "RedirectConfig", Match.objectLike(Map.of("Protocol", "HTTPS", "Port", "443")))))));
		// The API agent's endpoints go to the API agents; the console's REST API (the
		// rest of /api/v1) to the console.
		this.template.hasResourceProperties("AWS::ElasticLoadBalancingV2::ListenerRule",
				Map.of("Conditions",
						List.of(Map.of("Field", "path-pattern", "PathPatternConfig",
								Map.of("Values", List.of("/api/v1/scan", "/api/v1/scan/*", "/api/v1/upload")))),
						"Actions", List.of(Match.objectLike(Map.of("Type", "forward")))));
	}

	@Test
	void shouldRampNewApiAgentsUpWhileTheirJitWarms() {
		this.template.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup",
				Map.of("HealthCheckPath", "/actuator/health/readiness", "TargetGroupAttributes",
						Match.arrayWith(List.of(Map.of("Key", "slow_start.duration_seconds", "Value", "90")))));
		// The console is one task: slow start would not apply, and it needs none.
		this.template.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Map.of("HealthCheckPath",
				"/actuator/health", "TargetGroupAttributes",
				Match.not(Match.arrayWith(List.of(Match.objectLike(Map.of("Key", "slow_start.duration_seconds")))))));
	}

	@Test
	void shouldHaveAdminAndViewerGroupsAndTheScanScope() {
		this.template.hasResourceProperties("AWS::Cognito::UserPool",
				Map.of("AdminCreateUserConfig", Map.of("AllowAdminCreateUserOnly", true)));
		for (String group : List.of("admin", "viewer")) {
			this.template.hasResourceProperties("AWS::Cognito::UserPoolGroup", Map.of("GroupName", group));
		}
		this.template.hasResourceProperties("AWS::Cognito::UserPoolResourceServer", Map.of("Identifier",
				"bucketwarden-api", "Scopes", List.of(Match.objectLike(Map.of("ScopeName", "scan")))));
		this.template.hasResourceProperties("AWS::Cognito::UserPoolClient",
				Map.of("ClientName", "api-callers", "GenerateSecret", true, "AllowedOAuthFlows",
						List.of("client_credentials"), "AllowedOAuthScopes", List.of(Match.anyValue())));
		this.template.hasResourceProperties("AWS::Cognito::UserPoolClient",
				Map.of("ClientName", "console", "AllowedOAuthFlows", List.of("code"), "CallbackURLs",
						List.of("https://bucketwarden.acme.example/login/oauth2/code/console"), "LogoutURLs",
						List.of("https://bucketwarden.acme.example/", "https://bucketwarden.acme.example/signed-out"),
						"RefreshTokenValidity", 720));
		Map<String, Map<String, Object>> clients = Cfn.resources(SynthesizedApp.get().consoleJson(),
				"AWS::Cognito::UserPoolClient");
		String scope = clients.values()
			.stream()
			.filter((client) -> "api-callers".equals(client.get("ClientName")))
			.map((client) -> Cfn.text(Cfn.list(client.get("AllowedOAuthScopes")).get(0)))
			.findFirst()
			.orElseThrow();
		assertThat(scope).endsWith("/scan").contains("ApiResourceServer");
	}

	@Test
	void shouldRunTheFourServicesAndTheRetroTaskDefinition() {
		for (String service : List.of("console-service", "api-agent", "event-agent")) {
			this.template.hasResourceProperties("AWS::ECS::Service", Map.of("ServiceName", service, "LaunchType",
					"FARGATE", "DeploymentConfiguration",
					Match.objectLike(Map.of("DeploymentCircuitBreaker", Map.of("Enable", true, "Rollback", true)))));
		}
		this.template.resourceCountIs("AWS::ECS::Service", 4);
		this.template.hasResourceProperties("AWS::ECS::TaskDefinition",
				Map.of("Family", "bucketwarden-retro-agent", "RequiresCompatibilities", List.of("FARGATE")));
		this.template.hasResourceProperties("AWS::ECS::Cluster",
				Map.of("ClusterSettings", List.of(Map.of("Name", "containerInsights", "Value", "enabled"))));
	}

	/**
	 * Schedules saved in the console start their jobs from one small scheduler task: the
	 * retro agent's image with the command {@code scheduler}, its role, no sidecar, and a
	 * family of its own, so the workers it starts (the retro agent's family, latest
	 * revision) keep their ClamAV sidecar.
	 */
	@Test
	void shouldRunOneRetroSchedulerOfItsOwnFamilyWithoutASidecar() {
		Map<String, Object> json = SynthesizedApp.get().consoleJson();
		Map<String, Map<String, Object>> definitions = Cfn.resources(json, "AWS::ECS::TaskDefinition");
		Map.Entry<String, Map<String, Object>> scheduler = definitions.entrySet()
			.stream()
			.filter((entry) -> "bucketwarden-retro-scheduler".equals(entry.getValue().get("Family")))
			.findFirst()
			.orElseThrow();
		List<Object> containers = Cfn.list(scheduler.getValue().get("ContainerDefinitions"));
		assertThat(containers).singleElement().satisfies((container) -> {
			assertThat(Cfn.<String>path(container, "Name")).isEqualTo("retro-agent");
			assertThat(Cfn.list(Cfn.path(container, "Command"))).containsExactly("scheduler");
			assertThat(Cfn.text(Cfn.path(container, "LogConfiguration", "Options", "awslogs-group")))
				.contains("RetroScheduler");
		});
		assertThat(scheduler.getValue().get("Cpu")).isEqualTo("256");
		Map.Entry<String, Map<String, Object>> retro = definitions.entrySet()
			.stream()
			.filter((entry) -> "bucketwarden-retro-agent".equals(entry.getValue().get("Family")))
			.findFirst()
			.orElseThrow();
		assertThat(Cfn.text(scheduler.getValue().get("TaskRoleArn")))
			.isEqualTo(Cfn.text(retro.getValue().get("TaskRoleArn")));
		assertThat(Cfn.list(retro.getValue().get("ContainerDefinitions"))).hasSize(2);
		this.template.hasResourceProperties("AWS::ECS::Service",
				Map.of("ServiceName", "retro-scheduler", "DesiredCount", 1, "TaskDefinition",
						Map.of("Ref", scheduler.getKey()), "DeploymentConfiguration",
						Match.objectLike(Map.of("MinimumHealthyPercent", 0, "MaximumPercent", 100))));
		this.template.hasResourceProperties("AWS::Logs::LogGroup",
				Map.of("LogGroupName", "/bucketwarden/retro-scheduler"));
	}

	@Test
	void shouldGiveEveryScanningTaskAClamavSidecarItWaitsFor() {
		for (String service : List.of("event-agent", "api-agent", "retro-agent")) {
			this.template
				.hasResourceProperties(
						"AWS::ECS::TaskDefinition", Map
							.of("Family", "bucketwarden-" + service, "ContainerDefinitions",
									Match.arrayWith(List.of(
											Match.objectLike(
													Map.of("Name", service, "ReadonlyRootFilesystem", true, "DependsOn",
															List.of(Map.of("ContainerName", "clamav", "Condition",
																	"HEALTHY")))),
											Match.objectLike(Map.of("Name", "clamav", "Essential", true, "HealthCheck",
													Match.objectLike(Map.of("Command",
															List.of("CMD", "/usr/local/bin/clamd-healthcheck"),
															"StartPeriod", 300))))))));
		}
		this.template.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of("Family", "bucketwarden-console-service",
				"ContainerDefinitions", List.of(Match.objectLike(Map.of("Name", "console-service")))));
	}

	@Test
	void shouldScaleEventAgentsOnBacklogPerTask() {
		this.template.hasResourceProperties("AWS::ApplicationAutoScaling::ScalableTarget",
				Map.of("MinCapacity", 2, "MaxCapacity", 20, "ScalableDimension", "ecs:service:DesiredCount"));
		this.template
			.hasResourceProperties(
					"AWS::ApplicationAutoScaling::ScalingPolicy", Map
						.of("PolicyType", "TargetTrackingScaling", "TargetTrackingScalingPolicyConfiguration",
								Match.objectLike(Map.of("TargetValue", 16, "CustomizedMetricSpecification",
										Map.of("Metrics", Match.arrayWith(List.of(
												Match.objectLike(Map.of("Id", "visible", "MetricStat",
														Match.objectLike(Map.of("Metric",
																Match.objectLike(Map.of("MetricName",
																		"ApproximateNumberOfMessagesVisible")))))),
												Match.objectLike(Map.of("Id", "tasks")),
												Match.objectLike(Map.of("Expression", "(visible + parts) / tasks",
														"ReturnData", true)))))))));
	}

	@Test
	void shouldScaleApiAgentsOnRequestsAndCpu() {
		this.template.hasResourceProperties("AWS::ApplicationAutoScaling::ScalableTarget",
				Map.of("MinCapacity", 1, "MaxCapacity", 6));
		this.template.hasResourceProperties("AWS::ApplicationAutoScaling::ScalingPolicy",
				Map.of("TargetTrackingScalingPolicyConfiguration",
						Match.objectLike(Map.of("TargetValue", 600, "PredefinedMetricSpecification",
								Match.objectLike(Map.of("PredefinedMetricType", "ALBRequestCountPerTarget"))))));
		this.template.hasResourceProperties("AWS::ApplicationAutoScaling::ScalingPolicy",
				Map.of("TargetTrackingScalingPolicyConfiguration",
						Match.objectLike(Map.of("TargetValue", 60, "PredefinedMetricSpecification",
								Map.of("PredefinedMetricType", "ECSServiceAverageCPUUtilization")))));
	}

	@Test
	void shouldKeepLogsForTheRetentionAndShowADashboard() {
		for (String service : List.of("console-service", "api-agent", "event-agent", "retro-agent")) {
			this.template.hasResourceProperties("AWS::Logs::LogGroup",
					Map.of("LogGroupName", "/bucketwarden/" + service, "RetentionInDays", 30));
		}
		this.template.hasResourceProperties("AWS::CloudWatch::Dashboard",
				Map.of("DashboardName", "BucketWarden-" + SynthesizedApp.CONSOLE_REGION));
	}

	@Test
	void shouldPublishWhereThingsAreInSsm() {
		for (String name : List.of("results-table", "findings-topic-arn", "scan-queue-url", "retro-queue-url",
				"s3-events-topic-arn", "quarantine-bucket", "user-pool-id")) {
			this.template.hasResourceProperties("AWS::SSM::Parameter",
					Map.of("Name", "/bucketwarden/" + name, "Type", "String"));
		}
		this.template.hasResourceProperties("AWS::SSM::Parameter", Map.of("Name", "/bucketwarden/protected-buckets",
				"Type", "StringList", "Value", String.join(",", SynthesizedApp.PROTECTED)));
	}

	/** People sign in with a TOTP second factor; SMS is never offered. */
	@Test
	void shouldRequireASecondFactorToSignIn() {
		this.template.hasResourceProperties("AWS::Cognito::UserPool", Map.of("UserPoolName", "bucketwarden",
				"MfaConfiguration", "ON", "EnabledMfas", List.of("SOFTWARE_TOKEN_MFA")));
	}

	/**
	 * The load balancer (console and API agents) is behind a web ACL whose rate rule
	 * answers 429 to an IP address over the limit, and lets everything else through.
	 */
	@Test
	void shouldRateLimitEachIpAddressAtTheLoadBalancer() {
		Capture acl = new Capture();
		this.template.resourceCountIs("AWS::WAFv2::WebACL", 1);
		this.template
			.hasResourceProperties(
					"AWS::WAFv2::WebACL", Map
						.of("Scope", "REGIONAL", "DefaultAction", Map.of("Allow", Map.of()), "Rules",
								List.of(Match.objectLike(Map.of("Name", "requests-per-ip", "Priority", 0, "Statement",
										Map.of("RateBasedStatement",
												Map.of("Limit", SynthesizedApp.WAF_LIMIT, "AggregateKeyType", "IP",
														"EvaluationWindowSec", 300)),
										"Action",
										Map.of("Block",
												Map.of("CustomResponse", Map.of("ResponseCode", 429, "ResponseHeaders",
														List.of(Map.of("Name", "Retry-After", "Value", "300"))))),
										"VisibilityConfig",
										Match.objectLike(Map.of("CloudWatchMetricsEnabled", true)))))));
		this.template.hasResourceProperties("AWS::WAFv2::WebACLAssociation",
				Map.of("ResourceArn", Map.of("Ref", Match.stringLikeRegexp("IngressLoadBalancer.*")), "WebACLArn",
						Map.of("Fn::GetAtt", List.of(acl, "Arn"))));
		assertThat(acl.asString()).startsWith("IngressWebAcl");
	}

}
