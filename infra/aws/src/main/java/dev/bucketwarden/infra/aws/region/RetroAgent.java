package dev.bucketwarden.infra.aws.region;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.ICluster;
import software.amazon.awscdk.services.iam.CfnRole;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

import dev.bucketwarden.infra.aws.access.TaskRoles;
import dev.bucketwarden.infra.aws.queue.WorkQueue;
import dev.bucketwarden.infra.aws.service.AgentEnvironment;
import dev.bucketwarden.infra.aws.service.ServiceImage;
import dev.bucketwarden.infra.aws.service.ServiceTask;
import dev.bucketwarden.infra.aws.service.ServiceTask.Spec;

/**
 * The retro agent's task definition: no service, only run tasks. The console starts a
 * job's crawler as one; the crawler starts its workers as more of the same family, in the
 * private subnets, with a security group that only lets them out. The jobs' counters and
 * checkpoints live in the console region's jobs table. Its resources keep the scanning
 * side's construct ids.
 */
final class RetroAgent {

	/** The retro agent's task definition family (its workers start more of it). */
	static final String FAMILY = "bucketwarden-retro-agent";

	private final Construct scope;

	private final ICluster cluster;

	private final Role role;

	private final SecurityGroup tasks;

	private final String subnets;

	private final Spec spec;

	private final ServiceTask task;

	private final EbsScans ebs;

	private final ServiceTask ebsTask;

	/**
	 * @param scanning the environment every scanning agent gets (results, findings,
	 * quarantine, trust)
	 */
	RetroAgent(Construct scope, ScanningAgents.Props props, String quarantineBucket, WorkQueue retroQueue,
			Map<String, String> scanning) {
		this.scope = scope;
		this.cluster = props.cluster();
		this.role = ScanningRole.create(scope, "RetroAgentRole", "retro", props, quarantineBucket);
		retroQueue.queue().grantConsumeMessages(this.role);
		retroQueue.queue().grantSendMessages(this.role);
		retroQueue.deadLetterQueue().grantSendMessages(this.role);
		// Counters change in transactions (TransactWriteItems checks each item's
		// action).
		TaskRoles.allow(this.role, "RetroJobs",
				List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem",
						"dynamodb:ConditionCheckItem"),
				List.of(SharedResources.tableArn(props.resultsRegion(), SharedResources.JOBS_TABLE)));
		this.tasks = SecurityGroup.Builder.create(scope, "RetroTasks")
			.vpc(this.cluster.getVpc())
			.description("BucketWarden retro agent run tasks: outbound only")
			.allowAllOutbound(true)
			.build();
		this.subnets = Fn.join(",",
				this.cluster.getVpc()
					.selectSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
					.getSubnetIds());
		this.ebs = new EbsScans(scope, props.region());
		this.spec = Spec.of(ServiceImage.RETRO_AGENT, props.repositoryRoot(),
				this.ebs.environment(environment(scanning, retroQueue)), props.logRetentionDays());
		this.task = ServiceTask.scanning(scope, "RetroAgent", this.spec, this.role);
		// A fixed name, so that the console region's console can pass it (exact ARN)
		// when it starts this region's retro jobs.
		((CfnRole) ((Role) this.task.taskDefinition().obtainExecutionRole()).getNode().getDefaultChild())
			.setRoleName(executionRoleName(props.region()));
		this.role.addToPolicy(PolicyStatement.Builder.create()
			.sid("StartRetroWorkers")
			.effect(Effect.ALLOW)
			.actions(List.of("ecs:RunTask"))
			.resources(List.of("arn:" + Aws.PARTITION + ":ecs:" + props.region() + ":" + Aws.ACCOUNT_ID
					+ ":task-definition/" + FAMILY + ":*"))
			.conditions(Map.of("ArnEquals", Map.of("ecs:cluster", this.cluster.getClusterArn())))
			.build());
		TaskRoles.allow(this.role, "PassRetroWorkerRoles", List.of("iam:PassRole"),
				List.of(this.role.getRoleArn(), this.task.taskDefinition().obtainExecutionRole().getRoleArn()));
		this.ebsTask = this.ebs.addTask(scope, this.spec, this.role, this.cluster);
	}

	/** The retro task definition's execution role in a region. */
	static String executionRoleName(String region) {
		return "bucketwarden-retro-execution-" + region;
	}

	/** The scanning environment, and how the crawler starts its workers. */
	private Map<String, String> environment(Map<String, String> scanning, WorkQueue retroQueue) {
		Map<String, String> retro = new LinkedHashMap<>(scanning);
		retro.put(AgentEnvironment.RETRO_QUEUE, retroQueue.queue().getQueueUrl());
		retro.put(AgentEnvironment.JOBS_TABLE, SharedResources.JOBS_TABLE);
		retro.put(AgentEnvironment.RETRO_LAUNCHER_TYPE, "ECS");
		retro.put(AgentEnvironment.RETRO_LAUNCHER_CLUSTER, this.cluster.getClusterArn());
		// By family, the latest revision: the task definition cannot name its own ARN.
		retro.put(AgentEnvironment.RETRO_LAUNCHER_TASK_DEFINITION, FAMILY);
		retro.put(AgentEnvironment.RETRO_LAUNCHER_SUBNETS, this.subnets);
		retro.put(AgentEnvironment.RETRO_LAUNCHER_SECURITY_GROUPS, this.tasks.getSecurityGroupId());
		return retro;
	}

	/**
	 * Runs the retro agent's {@code scheduler} as a one-task service: it starts the jobs
	 * of the schedules saved in the console (and of the agent's own configuration) as run
	 * tasks of the retro agent, the way the console starts a job. It scans nothing
	 * itself, so it runs small and without the ClamAV sidecar, under a task definition
	 * family of its own (the workers are started by the retro agent's family, latest
	 * revision).
	 */
	FargateService addScheduler(Map<String, String> furtherRegions, List<String> regions) {
		ServiceTask scheduler = ServiceTask.plain(this.scope, "RetroScheduler",
				this.spec.asTask("retro-scheduler", List.of("scheduler"))
					.withEnvironment(furtherRegions)
					.withSize(256, 1024),
				this.role);
		if (!regions.isEmpty()) {
			// A schedule of a further region's buckets runs there: RunTask of that
			// region's
			// retro task definition in its cluster, passing its roles (fixed names). A
			// policy of its own: the role's default policy is near IAM's size limit.
			Policy.Builder.create(this.scope, "RetroSchedulerRegions")
				.roles(List.of(this.role))
				.statements(List.of(
						PolicyStatement.Builder.create()
							.sid("StartRegionalScheduledScans")
							.effect(Effect.ALLOW)
							.actions(List.of("ecs:RunTask"))
							.resources(regions.stream().map(RegionResources::retroTaskDefinitionArn).toList())
							.conditions(Map.of("ArnEquals",
									Map.of("ecs:cluster", regions.stream().map(RegionResources::clusterArn).toList())))
							.build(),
						PolicyStatement.Builder.create()
							.sid("PassRegionalRetroRoles")
							.effect(Effect.ALLOW)
							.actions(List.of("iam:PassRole"))
							.resources(regions.stream()
								.flatMap((region) -> RegionResources.retroRoleArns(region).stream())
								.toList())
							.build()))
				.build();
		}
		return FargateService.Builder.create(this.scope, "RetroSchedulerService")
			.serviceName("retro-scheduler")
			.cluster(this.cluster)
			.taskDefinition(scheduler.taskDefinition())
			.desiredCount(1)
			// One scheduler at a time, also while a deployment replaces it (the
			// conditional claim in the jobs table keeps two from starting the same run
			// anyway).
			.minHealthyPercent(0)
			.maxHealthyPercent(100)
			.circuitBreaker(DeploymentCircuitBreaker.builder().rollback(true).build())
			.securityGroups(List.of(this.tasks))
			.vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
			.build();
	}

	Role role() {
		return this.role;
	}

	SecurityGroup tasks() {
		return this.tasks;
	}

	String subnets() {
		return this.subnets;
	}

	ServiceTask task() {
		return this.task;
	}

	EbsScans ebs() {
		return this.ebs;
	}

	ServiceTask ebsTask() {
		return this.ebsTask;
	}

}
