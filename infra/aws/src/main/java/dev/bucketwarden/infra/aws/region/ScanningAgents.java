package dev.bucketwarden.infra.aws.region;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.ICluster;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.ObjectLockRetention;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.SqsSubscription;
import software.constructs.Construct;

import dev.bucketwarden.infra.aws.DeploymentSettings.Capacity;
import dev.bucketwarden.infra.aws.access.AgentRoles;
import dev.bucketwarden.infra.aws.access.KmsAccess;
import dev.bucketwarden.infra.aws.access.ObjectAccess;
import dev.bucketwarden.infra.aws.access.QuarantineProtection;
import dev.bucketwarden.infra.aws.access.ResultTagProtection;
import dev.bucketwarden.infra.aws.events.EventRouting;
import dev.bucketwarden.infra.aws.monitoring.BacklogScaling;
import dev.bucketwarden.infra.aws.queue.WorkQueue;
import dev.bucketwarden.infra.aws.service.AgentEnvironment;
import dev.bucketwarden.infra.aws.service.ServiceImage;
import dev.bucketwarden.infra.aws.service.ServiceTask;
import dev.bucketwarden.infra.aws.service.ServiceTask.Spec;

/**
 * The scanning side of one region: the topic the protected buckets' S3 event
 * notifications go to, the scan queue it feeds (with its DLQ and alarm), the event agents
 * autoscaled on the queue's backlog, the retro queue and the retro agent's task
 * definition (started as run tasks by the console), and the quarantine bucket. Results
 * and findings go to the console region's table and topic, possibly in another region.
 */
public final class ScanningAgents extends Construct {

	public static final String RESULTS_TABLE = "bucketwarden-results";

	public static final String FINDINGS_TOPIC = "bucketwarden-findings";

	/** The retro jobs' table (console region): their counters and checkpoints. */
	public static final String JOBS_TABLE = "bucketwarden-jobs";

	/** The retro agent's task definition family (its workers start more of it). */
	public static final String RETRO_FAMILY = "bucketwarden-retro-agent";

	/** The console's settings table, which the agents read bucket settings from. */
	public static final String SETTINGS_TABLE = "bucketwarden-settings";

	private final Topic s3Events;

	private final WorkQueue scanQueue;

	private final WorkQueue retroQueue;

	private final FargateService eventAgents;

	private final ServiceTask eventAgentTask;

	private final ServiceTask retroAgentTask;

	private final Role eventAgentRole;

	private final Role retroAgentRole;

	private final SecurityGroup retroTasks;

	private final String retroSubnets;

	private final String quarantineBucket;

	private final Spec retroSpec;

	private final ICluster cluster;

	public ScanningAgents(Construct scope, String id, Props props) {
		super(scope, id);
		String region = props.region();
		this.quarantineBucket = (props.quarantineBucket() != null) ? props.quarantineBucket()
				: quarantineBucket(props).getBucketName();
		if (props.quarantineBucket() != null) {
			// A bucket the deployment names but does not own: the operator applies the
			// statements.
			CfnOutput.Builder.create(this, "QuarantineProtectionStatements")
				.description("Add these statements to the bucket policy of " + props.quarantineBucket()
						+ ": only the agents and the security roles may read quarantined objects, only the"
						+ " security roles may remove them")
				.value(Stack.of(this)
					.toJsonString(QuarantineProtection
						.statements(Aws.PARTITION, props.quarantineBucket(), props.agentRoleArns(),
								props.quarantineReaders())
						.stream()
						.map(PolicyStatement::toStatementJson)
						.toList()))
				.build();
		}
		this.s3Events = Topic.Builder.create(this, "S3Events")
			.topicName("bucketwarden-s3-events")
			.displayName("S3 event notifications of BucketWarden's protected buckets")
			.enforceSsl(true)
			.build();
		IntakeTrust.restrictTopic(this.s3Events, props.protectedBuckets(), props.trustedAccounts(),
				props.allowedOrganizations(), props.consoleRoleArn());
		this.scanQueue = new WorkQueue(this, "ScanQueue", "bucketwarden-scan", props.maxAttempts(), props.alarmTopic());
		this.s3Events.addSubscription(new SqsSubscription(this.scanQueue.queue()));
		List<String> intake = new ArrayList<>(List.of(this.s3Events.getTopicArn()));
		if (props.eventBridgeIntake()) {
			intake
				.add(EventRouting.s3ObjectCreated(this, props.protectedBuckets(), this.scanQueue.queue()).getRuleArn());
		}
		List<String> senders = new ArrayList<>();
		if (props.consoleRoleArn() != null) {
			senders.add(props.consoleRoleArn());
		}
		senders.addAll(props.breakGlassRoleArns());
		IntakeTrust.restrictQueue(this.scanQueue.queue(), intake, senders);
		this.retroQueue = new WorkQueue(this, "RetroQueue", "bucketwarden-retro", props.maxAttempts(),
				props.alarmTopic());

		String resultsTableArn = "arn:" + Aws.PARTITION + ":dynamodb:" + props.resultsRegion() + ":" + Aws.ACCOUNT_ID
				+ ":table/" + RESULTS_TABLE;
		String findingsTopicArn = "arn:" + Aws.PARTITION + ":sns:" + props.resultsRegion() + ":" + Aws.ACCOUNT_ID + ":"
				+ FINDINGS_TOPIC;
		String settingsTableArn = "arn:" + Aws.PARTITION + ":dynamodb:" + props.resultsRegion() + ":" + Aws.ACCOUNT_ID
				+ ":table/" + SETTINGS_TABLE;
		Map<String, String> scanning = AgentEnvironment.trust(
				AgentEnvironment.scanning(region, props.resultsRegion(), RESULTS_TABLE, SETTINGS_TABLE,
						findingsTopicArn, props.findingsOnEventBridge() ? EventRouting.DEFAULT_BUS : null,
						this.quarantineBucket),
				props.protectedBuckets(), props.trustedAccounts(), region, this.s3Events.getTopicArn());

		this.eventAgentRole = agentRole("EventAgentRole", "event", region);
		ObjectAccess.grantScanAndRemediate(this.eventAgentRole, props.protectedBuckets(), this.quarantineBucket);
		KmsAccess.grantThroughS3(this.eventAgentRole, props.kmsKeys(), region);
		grantResults(this.eventAgentRole, resultsTableArn, settingsTableArn, findingsTopicArn);
		this.scanQueue.queue().grantConsumeMessages(this.eventAgentRole);
		// Poison messages go straight to the DLQ, with the reason as an attribute.
		this.scanQueue.deadLetterQueue().grantSendMessages(this.eventAgentRole);
		this.eventAgentTask = ServiceTask.scanning(this, "EventAgent",
				Spec.of(ServiceImage.EVENT_AGENT, props.repositoryRoot(), AgentEnvironment.eventAgent(scanning,
						this.scanQueue.queue().getQueueUrl(), props.maxAttempts()), props.logRetentionDays()),
				this.eventAgentRole);
		this.eventAgents = FargateService.Builder.create(this, "EventAgentService")
			.serviceName("event-agent")
			.cluster(props.cluster())
			.taskDefinition(this.eventAgentTask.taskDefinition())
			.desiredCount(props.eventAgents().min())
			.minHealthyPercent(100)
			.circuitBreaker(DeploymentCircuitBreaker.builder().rollback(true).build())
			.vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
			.build();
		new BacklogScaling(this, "EventAgentScaling", props.cluster(), this.eventAgents, this.scanQueue.queue(),
				props.eventAgents(), props.backlogPerTask());

		this.retroAgentRole = agentRole("RetroAgentRole", "retro", region);
		ObjectAccess.grantScanAndRemediate(this.retroAgentRole, props.protectedBuckets(), this.quarantineBucket);
		KmsAccess.grantThroughS3(this.retroAgentRole, props.kmsKeys(), region);
		grantResults(this.retroAgentRole, resultsTableArn, settingsTableArn, findingsTopicArn);
		this.retroQueue.queue().grantConsumeMessages(this.retroAgentRole);
		this.retroQueue.queue().grantSendMessages(this.retroAgentRole);
		this.retroQueue.deadLetterQueue().grantSendMessages(this.retroAgentRole);
		String jobsTableArn = "arn:" + Aws.PARTITION + ":dynamodb:" + props.resultsRegion() + ":" + Aws.ACCOUNT_ID
				+ ":table/" + JOBS_TABLE;
		this.retroAgentRole.addToPolicy(PolicyStatement.Builder.create()
			.sid("RetroJobs")
			.effect(Effect.ALLOW)
			// Counters change in transactions (TransactWriteItems checks each item's
			// action).
			.actions(List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem",
					"dynamodb:ConditionCheckItem"))
			.resources(List.of(jobsTableArn))
			.build());
		// The crawler starts its workers as run tasks of this same task definition, in
		// the private subnets, with a security group that only lets them out.
		this.retroTasks = SecurityGroup.Builder.create(this, "RetroTasks")
			.vpc(props.cluster().getVpc())
			.description("BucketWarden retro agent run tasks: outbound only")
			.allowAllOutbound(true)
			.build();
		Map<String, String> retro = new LinkedHashMap<>(scanning);
		retro.put(AgentEnvironment.RETRO_QUEUE, this.retroQueue.queue().getQueueUrl());
		retro.put(AgentEnvironment.JOBS_TABLE, JOBS_TABLE);
		retro.put(AgentEnvironment.RETRO_LAUNCHER_TYPE, "ECS");
		retro.put(AgentEnvironment.RETRO_LAUNCHER_CLUSTER, props.cluster().getClusterArn());
		// By family, the latest revision: the task definition cannot name its own ARN.
		retro.put(AgentEnvironment.RETRO_LAUNCHER_TASK_DEFINITION, RETRO_FAMILY);
		this.retroSubnets = Fn.join(",",
				props.cluster()
					.getVpc()
					.selectSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
					.getSubnetIds());
		retro.put(AgentEnvironment.RETRO_LAUNCHER_SUBNETS, this.retroSubnets);
		retro.put(AgentEnvironment.RETRO_LAUNCHER_SECURITY_GROUPS, this.retroTasks.getSecurityGroupId());
		this.retroSpec = Spec.of(ServiceImage.RETRO_AGENT, props.repositoryRoot(), retro, props.logRetentionDays());
		this.cluster = props.cluster();
		this.retroAgentTask = ServiceTask.scanning(this, "RetroAgent", this.retroSpec, this.retroAgentRole);
		this.retroAgentRole.addToPolicy(PolicyStatement.Builder.create()
			.sid("StartRetroWorkers")
			.effect(Effect.ALLOW)
			.actions(List.of("ecs:RunTask"))
			.resources(List.of("arn:" + Aws.PARTITION + ":ecs:" + region + ":" + Aws.ACCOUNT_ID + ":task-definition/"
					+ RETRO_FAMILY + ":*"))
			.conditions(Map.of("ArnEquals", Map.of("ecs:cluster", props.cluster().getClusterArn())))
			.build());
		this.retroAgentRole.addToPolicy(PolicyStatement.Builder.create()
			.sid("PassRetroWorkerRoles")
			.effect(Effect.ALLOW)
			.actions(List.of("iam:PassRole"))
			.resources(List.of(this.retroAgentRole.getRoleArn(),
					this.retroAgentTask.taskDefinition().obtainExecutionRole().getRoleArn()))
			.build());

		if (props.findingsOnEventBridge()) {
			EventRouting.grantPutFindings(this.eventAgentRole, region);
			EventRouting.grantPutFindings(this.retroAgentRole, region);
			if (!region.equals(props.resultsRegion())) {
				EventRouting.forwardFindings(this, props.resultsRegion());
			}
		}

		CfnOutput.Builder.create(this, "S3EventsTopicArn")
			.description("Send the protected buckets' s3:ObjectCreated:* notifications to this topic")
			.value(this.s3Events.getTopicArn())
			.build();
		CfnOutput.Builder.create(this, "QuarantineBucketName").value(this.quarantineBucket).build();
	}

	/**
	 * The stack's own quarantine bucket: quarantined copies keep their verdict tags,
	 * which only the agents may change; only the agents and the security roles may read
	 * them, only the security roles remove them. With {@code quarantineLockDays}, each
	 * copy is also kept under Object Lock (governance mode: a role allowed
	 * s3:BypassGovernanceRetention can still remove one on purpose); with
	 * {@code quarantineAccessLogs}, S3 logs every access to a log bucket of the stack.
	 */
	private Bucket quarantineBucket(Props props) {
		Bucket.Builder quarantine = Bucket.Builder.create(this, "QuarantineBucket")
			.encryption(BucketEncryption.S3_MANAGED)
			.blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
			.enforceSsl(true)
			.versioned(true)
			.removalPolicy(RemovalPolicy.RETAIN);
		if (props.quarantineLockDays() > 0) {
			// CloudFormation turns Object Lock on only when it creates the bucket: an
			// existing deployment gets a new quarantine bucket (the old one is kept).
			quarantine.objectLockEnabled(true)
				.objectLockDefaultRetention(ObjectLockRetention.governance(Duration.days(props.quarantineLockDays())));
		}
		if (props.quarantineAccessLogs()) {
			Bucket logs = Bucket.Builder.create(this, "QuarantineAccessLogs")
				.encryption(BucketEncryption.S3_MANAGED)
				.blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
				.enforceSsl(true)
				.versioned(true)
				.objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
				.removalPolicy(RemovalPolicy.RETAIN)
				.build();
			quarantine.serverAccessLogsBucket(logs).serverAccessLogsPrefix("quarantine/");
		}
		Bucket bucket = quarantine.build();
		ResultTagProtection.applyTo(bucket, props.agentRoleArns());
		QuarantineProtection.applyTo(bucket, props.agentRoleArns(), props.quarantineReaders());
		return bucket;
	}

	/**
	 * Agents' roles have fixed names, whose exact ARNs the result-tag protection lets
	 * through.
	 */
	private Role agentRole(String id, String agent, String region) {
		return Role.Builder.create(this, id)
			.roleName(AgentRoles.name(agent, region))
			.assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
			.maxSessionDuration(Duration.hours(1))
			.build();
	}

	private static void grantResults(Role role, String resultsTableArn, String settingsTableArn,
			String findingsTopicArn) {
		role.addToPolicy(PolicyStatement.Builder.create()
			.sid("ReadBucketSettings")
			.effect(Effect.ALLOW)
			.actions(List.of("dynamodb:GetItem", "dynamodb:Query"))
			.resources(List.of(settingsTableArn))
			.build());
		role.addToPolicy(PolicyStatement.Builder.create()
			.sid("RecordResults")
			.effect(Effect.ALLOW)
			.actions(List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"))
			.resources(List.of(resultsTableArn))
			.build());
		role.addToPolicy(PolicyStatement.Builder.create()
			.sid("PublishFindings")
			.effect(Effect.ALLOW)
			.actions(List.of("sns:Publish"))
			.resources(List.of(findingsTopicArn))
			.build());
	}

	/**
	 * Runs the retro agent's {@code scheduler} as a one-task service: it starts the jobs
	 * of the schedules saved in the console (and of the agent's own configuration) as run
	 * tasks of the retro agent, the way the console starts a job. It scans nothing
	 * itself, so it runs small and without the ClamAV sidecar, under a task definition
	 * family of its own (the workers are started by the retro agent's family, latest
	 * revision).
	 */
	public FargateService addRetroScheduler() {
		ServiceTask task = ServiceTask.plain(this, "RetroScheduler",
				this.retroSpec.asTask("retro-scheduler", List.of("scheduler")).withSize(256, 1024),
				this.retroAgentRole);
		return FargateService.Builder.create(this, "RetroSchedulerService")
			.serviceName("retro-scheduler")
			.cluster(this.cluster)
			.taskDefinition(task.taskDefinition())
			.desiredCount(1)
			// One scheduler at a time, also while a deployment replaces it (the
			// conditional
			// claim in the jobs table keeps two from starting the same run anyway).
			.minHealthyPercent(0)
			.maxHealthyPercent(100)
			.circuitBreaker(DeploymentCircuitBreaker.builder().rollback(true).build())
			.securityGroups(List.of(this.retroTasks))
			.vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
			.build();
	}

	public Topic s3Events() {
		return this.s3Events;
	}

	public WorkQueue scanQueue() {
		return this.scanQueue;
	}

	public WorkQueue retroQueue() {
		return this.retroQueue;
	}

	public FargateService eventAgents() {
		return this.eventAgents;
	}

	public ServiceTask eventAgentTask() {
		return this.eventAgentTask;
	}

	public ServiceTask retroAgentTask() {
		return this.retroAgentTask;
	}

	public Role eventAgentRole() {
		return this.eventAgentRole;
	}

	/** The security group of the retro agent's run tasks. */
	public SecurityGroup retroTasks() {
		return this.retroTasks;
	}

	/** The subnets of the retro agent's run tasks, comma-separated. */
	public String retroSubnets() {
		return this.retroSubnets;
	}

	public Role retroAgentRole() {
		return this.retroAgentRole;
	}

	public String quarantineBucketName() {
		return this.quarantineBucket;
	}

	/**
	 * What a region's scanning side needs.
	 *
	 * @param region this region
	 * @param resultsRegion the console region, with the results table and findings topic
	 * @param findingsOnEventBridge whether findings also go on the default bus (and from
	 * a further region on to the console region's)
	 * @param eventBridgeIntake whether S3 "Object Created" events on the default bus feed
	 * the scan queue too
	 * @param kmsKeys customer managed keys the agents may use through S3
	 * @param agentRoleArns the exact ARNs of every agent role of the deployment (all
	 * regions), which alone may write result tags
	 * @param trustedAccounts the accounts whose buckets' S3 may publish to the topic and
	 * whose events the agents act on
	 * @param allowedOrganizations organizations whose accounts' S3 may publish too
	 * @param consoleRoleArn the console's role, which may also send to the scan queue, or
	 * null in a region without the console
	 * @param breakGlassRoleArns the named security roles, which may also send to the scan
	 * queue (an operator's redrive of its dead-letter queue sends as the operator)
	 * @param quarantineReaders the security roles that may read and remove quarantined
	 * objects
	 * @param quarantineLockDays Object Lock retention of the stack's quarantine bucket,
	 * in days; 0 for none
	 * @param quarantineAccessLogs whether the stack's quarantine bucket logs every access
	 * to a log bucket
	 */
	public record Props(String region, String resultsRegion, ICluster cluster, List<String> protectedBuckets,
			String quarantineBucket, Capacity eventAgents, int backlogPerTask, int maxAttempts, int logRetentionDays,
			ITopic alarmTopic, Path repositoryRoot, boolean findingsOnEventBridge, boolean eventBridgeIntake,
			List<String> kmsKeys, List<String> agentRoleArns, List<String> trustedAccounts,
			List<String> allowedOrganizations, String consoleRoleArn, List<String> breakGlassRoleArns,
			List<String> quarantineReaders, int quarantineLockDays, boolean quarantineAccessLogs) {
	}

}
