package dev.bucketwarden.infra.aws.console;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.RequestCountScalingProps;
import software.amazon.awscdk.services.ecs.ScalableTaskCount;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeTarget;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.ssm.StringListParameter;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

import dev.bucketwarden.infra.aws.DeploymentSettings;
import dev.bucketwarden.infra.aws.access.AgentRoles;
import dev.bucketwarden.infra.aws.access.BucketGrants;
import dev.bucketwarden.infra.aws.access.KmsAccess;
import dev.bucketwarden.infra.aws.access.ObjectAccess;
import dev.bucketwarden.infra.aws.access.ResultTagProtection;
import dev.bucketwarden.infra.aws.events.EventRouting;
import dev.bucketwarden.infra.aws.monitoring.AlarmTopic;
import dev.bucketwarden.infra.aws.monitoring.OperationsDashboard;
import dev.bucketwarden.infra.aws.region.Network;
import dev.bucketwarden.infra.aws.region.ScanningAgents;
import dev.bucketwarden.infra.aws.service.AgentEnvironment;
import dev.bucketwarden.infra.aws.service.ServiceImage;
import dev.bucketwarden.infra.aws.service.ServiceTask;
import dev.bucketwarden.infra.aws.service.ServiceTask.Spec;

/**
 * The console region: the scanning side every region has ({@link ScanningAgents}), plus
 * the results, jobs and settings tables, the findings topic, Cognito, the load balancer
 * in front of the console and the API agents, SSM parameters with what other tools need
 * to find, and the dashboard.
 */
public final class ConsoleRegionStack extends Stack {

	public static final String JOBS_TABLE = ScanningAgents.JOBS_TABLE;

	public static final String SETTINGS_TABLE = ScanningAgents.SETTINGS_TABLE;

	public static final String PARAMETERS = "/bucketwarden/";

	private final ScanningAgents agents;

	private final FargateService apiAgents;

	private final FargateService console;

	private final Role apiAgentRole;

	private final Role consoleRole;

	public ConsoleRegionStack(Construct scope, String id, StackProps props, DeploymentSettings settings,
			Path repositoryRoot) {
		super(scope, id, props);
		String region = settings.consoleRegion();
		IVpc vpc = Network.vpc(this, settings.vpcId());
		Cluster cluster = Cluster.Builder.create(this, "Cluster")
			.clusterName("bucketwarden")
			.vpc(vpc)
			.containerInsightsV2(ContainerInsights.ENABLED)
			.build();
		AlarmTopic alarms = new AlarmTopic(this, "Alarms");

		Table results = table("ResultsTable", ScanningAgents.RESULTS_TABLE);
		Table jobs = table("JobsTable", JOBS_TABLE);
		Table settingsTable = table("SettingsTable", SETTINGS_TABLE);
		Topic findings = Topic.Builder.create(this, "Findings")
			.topicName(ScanningAgents.FINDINGS_TOPIC)
			.displayName("BucketWarden findings: infected, unscannable and failed scans")
			.enforceSsl(true)
			.build();

		this.agents = new ScanningAgents(this, "Scanning",
				new ScanningAgents.Props(region, region, cluster, settings.protectedBuckets(),
						settings.quarantineBucket(), settings.eventAgents(), settings.backlogPerTask(),
						settings.maxAttempts(), settings.logRetentionDays(), alarms.topic(), repositoryRoot,
						settings.findingsOnEventBridge(), settings.eventBridgeIntake(), settings.kmsKeys(),
						settings.agentRoleArns(), settings.trustedAccounts(), settings.allowedOrganizations(),
						consoleRoleArn(region), settings.breakGlassRoleArns(), settings.quarantineReaders(),
						settings.quarantineLockDays(), settings.quarantineAccessLogs()));
		// The agents find both by name; the dependency orders the deployment.
		this.agents.getNode().addDependency(results, findings);
		// Schedules name buckets of the console region (the console protects those), so
		// their jobs start here.
		this.agents.addRetroScheduler();

		ConsoleIngress ingress = new ConsoleIngress(this, "Ingress", vpc);
		String consoleUrl = "https://" + ((settings.consoleDomainName() != null) ? settings.consoleDomainName()
				: ingress.loadBalancer().getLoadBalancerDnsName());
		ConsoleAuth auth = new ConsoleAuth(this, "Auth", settings.cognitoDomainPrefix(), consoleUrl, settings.mfa());
		ingress.listen();
		if (settings.wafRequestsPer5Minutes() > 0) {
			ingress.limitRequests(settings.wafRequestsPer5Minutes());
		}

		Map<String, String> scanning = AgentEnvironment.trust(
				AgentEnvironment.scanning(region, region, ScanningAgents.RESULTS_TABLE, SETTINGS_TABLE,
						findings.getTopicArn(), settings.findingsOnEventBridge() ? EventRouting.DEFAULT_BUS : null,
						this.agents.quarantineBucketName()),
				settings.protectedBuckets(), settings.trustedAccounts(), region, this.agents.s3Events().getTopicArn());
		this.apiAgentRole = Role.Builder.create(this, "ApiAgentRole")
			.roleName(AgentRoles.name(AgentRoles.API_AGENT, region))
			.assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
			.maxSessionDuration(Duration.hours(1))
			.build();
		// /api/v1/scan/s3 runs the event agent's pipeline: it tags, quarantines and
		// records like an event agent; /api/v1/upload stores into the upload buckets.
		ObjectAccess.grantApi(this.apiAgentRole, settings.protectedBuckets(), this.agents.quarantineBucketName(),
				settings.uploadBuckets());
		KmsAccess.grantThroughS3(this.apiAgentRole, settings.kmsKeys(), region);
		// The result store reads and (conditionally) puts records, nothing else.
		allow(this.apiAgentRole, "RecordResults", List.of("dynamodb:GetItem", "dynamodb:PutItem"),
				List.of(results.getTableArn()));
		findings.grantPublish(this.apiAgentRole);
		allow(this.apiAgentRole, "ReadBucketSettings", List.of("dynamodb:GetItem", "dynamodb:Query"),
				List.of(settingsTable.getTableArn()));
		if (settings.findingsOnEventBridge()) {
			EventRouting.grantPutFindings(this.apiAgentRole, region);
		}
		ServiceTask apiTask = ServiceTask.scanning(this, "ApiAgent", Spec
			.of(ServiceImage.API_AGENT, repositoryRoot,
					AgentEnvironment.apiAgent(scanning, auth.userPool().getUserPoolProviderUrl(),
							ConsoleAuth.RESOURCE_SERVER + "/" + ConsoleAuth.SCAN_SCOPE, settings.uploadBuckets()),
					settings.logRetentionDays())
			.withPort(AgentEnvironment.HTTP_PORT)
			// Uploads are spooled until their verdict: up to the 5 GB limit each.
			.withEphemeralStorageGiB(60), this.apiAgentRole);
		this.apiAgents = service("ApiAgentService", "api-agent", cluster, apiTask, settings.apiAgents().min());
		ingress.apiTargets().addTarget(this.apiAgents);
		ScalableTaskCount apiScaling = this.apiAgents.autoScaleTaskCount(EnableScalingProps.builder()
			.minCapacity(settings.apiAgents().min())
			.maxCapacity(settings.apiAgents().max())
			.build());
		apiScaling.scaleOnRequestCount("RequestsPerTarget",
				RequestCountScalingProps.builder()
					.requestsPerTarget(settings.apiRequestsPerTarget())
					.targetGroup(ingress.apiTargets())
					.build());
		apiScaling.scaleOnCpuUtilization("Cpu",
				CpuUtilizationScalingProps.builder().targetUtilizationPercent(60).build());

		this.consoleRole = Role.Builder.create(this, "ConsoleRole")
			.roleName(consoleRoleName(region))
			.assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
			.maxSessionDuration(Duration.hours(1))
			.build();
		allow(this.consoleRole, "ReadResults", List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"),
				List.of(results.getTableArn()));
		allow(this.consoleRole, "ManageSettingsAndJobs",
				List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:PutItem",
						"dynamodb:UpdateItem", "dynamodb:DeleteItem"),
				List.of(settingsTable.getTableArn(), jobs.getTableArn()));
		// "Scan again" from a finding puts an S3-shaped event on the scan queue.
		this.agents.scanQueue().queue().grantSendMessages(this.consoleRole);
		// The Buckets page lists the account's buckets (an account-level action: it has
		// no
		// resource but *) and wires the protected ones' event notifications.
		allow(this.consoleRole, "ListBuckets", List.of("s3:ListAllMyBuckets"), List.of("*"));
		// With name patterns among the protected buckets, the console can protect buckets
		// created after the deployment, within this account (BucketGrants).
		BucketGrants
			.onBuckets("WireProtectedBuckets", List.of("s3:GetBucketNotification", "s3:PutBucketNotification"),
					settings.protectedBuckets())
			.forEach(this.consoleRole::addToPolicy);
		// When the operator asks, the console adds the result-tag protection (and the
		// read gate) to a protected bucket's policy, merged with the statements there.
		BucketGrants
			.onBuckets("ApplyBucketPolicies", List.of("s3:GetBucketPolicy", "s3:PutBucketPolicy"),
					settings.protectedBuckets())
			.forEach(this.consoleRole::addToPolicy);
		allow(this.consoleRole, "StartRetroScans", List.of("ecs:RunTask"),
				List.of(this.agents.retroAgentTask().taskDefinition().getTaskDefinitionArn()));
		allow(this.consoleRole, "PassRetroRoles", List.of("iam:PassRole"),
				List.of(this.agents.retroAgentRole().getRoleArn(),
						this.agents.retroAgentTask().taskDefinition().obtainExecutionRole().getRoleArn()));
		allow(this.consoleRole, "ReadParameters",
				List.of("ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"), List.of("arn:"
						+ Aws.PARTITION + ":ssm:" + region + ":" + Aws.ACCOUNT_ID + ":parameter" + PARAMETERS + "*"));
		Map<String, String> consoleEnvironment = new LinkedHashMap<>();
		consoleEnvironment.put(AgentEnvironment.REGION, region);
		consoleEnvironment.put(AgentEnvironment.SERVER_PORT, Integer.toString(AgentEnvironment.HTTP_PORT));
		consoleEnvironment.put(AgentEnvironment.RESULTS_TABLE, ScanningAgents.RESULTS_TABLE);
		consoleEnvironment.put(AgentEnvironment.SETTINGS_TABLE, SETTINGS_TABLE);
		consoleEnvironment.put(AgentEnvironment.CONSOLE_ISSUER_URI, auth.userPool().getUserPoolProviderUrl());
		consoleEnvironment.put(AgentEnvironment.CONSOLE_CLIENT_ID, auth.consoleClient().getUserPoolClientId());
		// Cognito's discovery has no end_session_endpoint: its /logout ends the session.
		consoleEnvironment.put(AgentEnvironment.CONSOLE_LOGOUT_URL, auth.domain().baseUrl() + "/logout?client_id="
				+ auth.consoleClient().getUserPoolClientId() + "&logout_uri=" + consoleUrl + "/");
		consoleEnvironment.put(AgentEnvironment.CONSOLE_ADMIN_GROUP, ConsoleAuth.ADMIN_GROUP);
		consoleEnvironment.put(AgentEnvironment.CONSOLE_VIEWER_GROUP, ConsoleAuth.VIEWER_GROUP);
		consoleEnvironment.put(AgentEnvironment.CONSOLE_SCAN_QUEUE_URL, this.agents.scanQueue().queue().getQueueUrl());
		consoleEnvironment.put(AgentEnvironment.CONSOLE_NOTIFICATION_TARGET, this.agents.s3Events().getTopicArn());
		// What the roles and the topic's policy allow: the console refuses other buckets
		// before S3 would.
		consoleEnvironment.put(AgentEnvironment.CONSOLE_PROTECTABLE_BUCKETS,
				String.join(",", settings.protectedBuckets()));
		consoleEnvironment.put(AgentEnvironment.CONSOLE_PARAMETERS_PATH, PARAMETERS);
		// The exact principals of the bucket policy statements the console shows and
		// applies.
		consoleEnvironment.put(AgentEnvironment.CONSOLE_AGENT_ROLE_ARNS, String.join(",", settings.agentRoleArns()));
		if (!settings.breakGlassRoleArns().isEmpty()) {
			consoleEnvironment.put(AgentEnvironment.CONSOLE_BREAK_GLASS_ROLE_ARNS,
					String.join(",", settings.breakGlassRoleArns()));
		}
		// Starting a retro scan: a run task of the retro agent (`run JOB`: it crawls and
		// starts its workers), where the retro agent starts its own workers.
		consoleEnvironment.put(AgentEnvironment.CONSOLE_RETRO_JOBS_TABLE, JOBS_TABLE);
		consoleEnvironment.put(AgentEnvironment.CONSOLE_RETRO_LAUNCHER, "ECS");
		consoleEnvironment.put(AgentEnvironment.CONSOLE_RETRO_CLUSTER, cluster.getClusterArn());
		consoleEnvironment.put(AgentEnvironment.CONSOLE_RETRO_TASK_DEFINITION,
				this.agents.retroAgentTask().taskDefinition().getTaskDefinitionArn());
		consoleEnvironment.put(AgentEnvironment.CONSOLE_RETRO_SUBNETS, this.agents.retroSubnets());
		consoleEnvironment.put(AgentEnvironment.CONSOLE_RETRO_SECURITY_GROUPS,
				this.agents.retroTasks().getSecurityGroupId());
		ServiceTask consoleTask = ServiceTask.plain(this, "Console",
				Spec.of(ServiceImage.CONSOLE_SERVICE, repositoryRoot, consoleEnvironment, settings.logRetentionDays())
					.withPort(AgentEnvironment.HTTP_PORT)
					.withSize(512, 1024),
				this.consoleRole);
		// The client secret goes to the container from Secrets Manager, never as plain
		// environment in the task definition.
		Secret clientSecret = Secret.Builder.create(this, "ConsoleClientSecret")
			.secretName("bucketwarden/console-client-secret")
			.description("The console's Cognito app client secret")
			.secretStringValue(auth.consoleClient().getUserPoolClientSecret())
			.build();
		consoleTask.container()
			.addSecret(AgentEnvironment.CONSOLE_CLIENT_SECRET,
					software.amazon.awscdk.services.ecs.Secret.fromSecretsManager(clientSecret));
		this.console = service("ConsoleService", "console-service", cluster, consoleTask, 1);
		ingress.consoleTargets().addTarget(this.console);

		parameters(settings, results, findings, auth);
		new OperationsDashboard(this, "Dashboard", "BucketWarden-" + region)
			.queues(List.of(this.agents.scanQueue(), this.agents.retroQueue()))
			.graphs("Event agents",
					List.<IMetric>of(this.agents.eventAgents().metricCpuUtilization(),
							this.agents.eventAgents().metricMemoryUtilization()))
			.graphs("API",
					List.<IMetric>of(ingress.loadBalancer().getMetrics().requestCount(),
							ingress.loadBalancer().getMetrics().httpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT),
							ingress.apiTargets().getMetrics().targetResponseTime()));
		outputs(settings, ingress, auth);
	}

	private Table table(String id, String name) {
		// Every table is keyed (pk, sk) as agent-core's and the retro agent's code
		// defines.
		return Table.Builder.create(this, id)
			.tableName(name)
			.partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build())
			.sortKey(Attribute.builder().name("sk").type(AttributeType.STRING).build())
			.billingMode(BillingMode.PAY_PER_REQUEST)
			.encryption(TableEncryption.AWS_MANAGED)
			.pointInTimeRecoverySpecification(
					PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
			.removalPolicy(RemovalPolicy.RETAIN)
			.build();
	}

	private FargateService service(String id, String name, Cluster cluster, ServiceTask task, int desired) {
		return FargateService.Builder.create(this, id)
			.serviceName(name)
			.cluster(cluster)
			.taskDefinition(task.taskDefinition())
			.desiredCount(desired)
			.minHealthyPercent(100)
			.healthCheckGracePeriod(Duration.minutes(10))
			.circuitBreaker(DeploymentCircuitBreaker.builder().rollback(true).build())
			.vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
			.build();
	}

	private static void allow(Role role, String sid, List<String> actions, List<String> resources) {
		role.addToPolicy(PolicyStatement.Builder.create()
			.sid(sid)
			.effect(Effect.ALLOW)
			.actions(actions)
			.resources(resources)
			.build());
	}

	private void parameters(DeploymentSettings settings, Table results, Topic findings, ConsoleAuth auth) {
		string("ResultsTableParameter", "results-table", results.getTableName());
		string("FindingsTopicParameter", "findings-topic-arn", findings.getTopicArn());
		string("ScanQueueParameter", "scan-queue-url", this.agents.scanQueue().queue().getQueueUrl());
		string("RetroQueueParameter", "retro-queue-url", this.agents.retroQueue().queue().getQueueUrl());
		string("S3EventsTopicParameter", "s3-events-topic-arn", this.agents.s3Events().getTopicArn());
		string("QuarantineBucketParameter", "quarantine-bucket", this.agents.quarantineBucketName());
		string("UserPoolParameter", "user-pool-id", auth.userPool().getUserPoolId());
		StringListParameter.Builder.create(this, "ProtectedBucketsParameter")
			.parameterName(PARAMETERS + "protected-buckets")
			.stringListValue(settings.protectedBuckets())
			.build();
	}

	private void string(String id, String name, String value) {
		StringParameter.Builder.create(this, id).parameterName(PARAMETERS + name).stringValue(value).build();
	}

	private void outputs(DeploymentSettings settings, ConsoleIngress ingress, ConsoleAuth auth) {
		CfnOutput.Builder.create(this, "LoadBalancerDnsName")
			.description("Point the console's domain name (the certificate's) here")
			.value(ingress.loadBalancer().getLoadBalancerDnsName())
			.build();
		CfnOutput.Builder.create(this, "UserPoolId").value(auth.userPool().getUserPoolId()).build();
		CfnOutput.Builder.create(this, "ApiClientId")
			.description("Client-credentials client of API callers (its secret is in the Cognito console)")
			.value(auth.apiClient().getUserPoolClientId())
			.build();
		CfnOutput.Builder.create(this, "TokenUrl")
			.value(auth.domain().baseUrl() + "/oauth2/token")
			.description("POST grant_type=client_credentials&scope=" + ConsoleAuth.RESOURCE_SERVER + "/"
					+ ConsoleAuth.SCAN_SCOPE)
			.build();
		int index = 0;
		// A bucket policy names its own bucket: a pattern's buckets each need the
		// statements with their name (ResultTagProtection.statements).
		for (String bucket : settings.protectedBuckets().stream().filter((b) -> !BucketGrants.isPattern(b)).toList()) {
			List<Object> statements = ResultTagProtection.statements(Aws.PARTITION, bucket, settings.agentRoleArns())
				.stream()
				.map(PolicyStatement::toStatementJson)
				.toList();
			CfnOutput.Builder.create(this, "ResultTagProtectionStatement" + index++)
				.description("Add these statements to the bucket policy of " + bucket
						+ ": only BucketWarden's agents may write, change or remove result tags")
				.value(toJsonString(statements))
				.build();
		}
	}

	/** The console's role has a fixed name, so policies can name its exact ARN. */
	public static String consoleRoleName(String region) {
		return "bucketwarden-console-" + region;
	}

	private static String consoleRoleArn(String region) {
		return AgentRoles.arn(Aws.PARTITION, Aws.ACCOUNT_ID, consoleRoleName(region));
	}

	public ScanningAgents agents() {
		return this.agents;
	}

	public FargateService apiAgents() {
		return this.apiAgents;
	}

	public FargateService console() {
		return this.console;
	}

	public Role apiAgentRole() {
		return this.apiAgentRole;
	}

	public Role consoleRole() {
		return this.consoleRole;
	}

}
