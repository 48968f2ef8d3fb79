package dev.bucketwarden.infra.aws.console;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.Construct;

import dev.bucketwarden.infra.aws.access.BucketGrants;
import dev.bucketwarden.infra.aws.access.LinkedRoles;
import dev.bucketwarden.infra.aws.access.TaskRoles;
import dev.bucketwarden.infra.aws.region.RegionResources;
import dev.bucketwarden.infra.aws.region.ScanningAgents;
import dev.bucketwarden.infra.aws.region.SharedResources;
import dev.bucketwarden.infra.aws.service.AgentEnvironment;
import dev.bucketwarden.infra.aws.service.ServiceImage;
import dev.bucketwarden.infra.aws.service.ServiceTask;
import dev.bucketwarden.infra.aws.service.ServiceTask.Spec;
import dev.bucketwarden.infra.aws.settings.DeploymentSettings;
import dev.bucketwarden.infra.aws.settings.DeploymentSettings.AgentRegion;
import dev.bucketwarden.infra.aws.settings.LinkedAccount;

/**
 * The console behind the load balancer: it reads results, manages settings and retro
 * jobs, sends "scan again" to the scan queue, wires and protects buckets, and starts
 * retro jobs as run tasks of the retro agent. It scans nothing itself, so it runs small,
 * without the ClamAV sidecar. Its resources keep the stack's construct ids.
 */
final class ConsoleService {

	private ConsoleService() {
	}

	static FargateService create(Construct scope, DeploymentSettings settings, Path repositoryRoot, Cluster cluster,
			ConsoleData data, ScanningAgents agents, ConsoleAuth auth, ConsoleIngress ingress, String consoleUrl) {
		Role role = TaskRoles.create(scope, "ConsoleRole",
				ConsoleRegionStack.consoleRoleName(settings.consoleRegion()));
		grant(role, settings, data, agents);
		ServiceTask task = ServiceTask.plain(scope, "Console",
				Spec.of(ServiceImage.CONSOLE_SERVICE, repositoryRoot,
						environment(settings, cluster, agents, auth, consoleUrl), settings.logRetentionDays())
					.withPort(AgentEnvironment.HTTP_PORT)
					.withSize(512, 1024),
				role);
		// The client secret goes to the container from Secrets Manager, never as plain
		// environment in the task definition.
		Secret clientSecret = Secret.Builder.create(scope, "ConsoleClientSecret")
			.secretName("bucketwarden/console-client-secret")
			.description("The console's Cognito app client secret")
			.secretStringValue(auth.consoleClient().getUserPoolClientSecret())
			.build();
		task.container()
			.addSecret(AgentEnvironment.CONSOLE_CLIENT_SECRET,
					software.amazon.awscdk.services.ecs.Secret.fromSecretsManager(clientSecret));
		FargateService service = BalancedService.create(scope, "ConsoleService", "console-service", cluster, task, 1);
		ingress.consoleTargets().addTarget(service);
		return service;
	}

	private static void grant(Role role, DeploymentSettings settings, ConsoleData data, ScanningAgents agents) {
		TaskRoles.allow(role, "ReadResults", List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"),
				List.of(data.results().getTableArn()));
		TaskRoles.allow(role, "ManageSettingsAndJobs",
				List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:PutItem",
						"dynamodb:UpdateItem", "dynamodb:DeleteItem"),
				List.of(data.settings().getTableArn(), data.jobs().getTableArn()));
		// "Scan again" from a finding puts an S3-shaped event on the scan queue.
		agents.scanQueue().queue().grantSendMessages(role);
		// The Buckets page lists the account's buckets (an account-level action: it has
		// no resource but *) and wires the protected ones' event notifications.
		TaskRoles.allow(role, "ListBuckets", List.of("s3:ListAllMyBuckets"), List.of("*"));
		// With name patterns among the protected buckets, the console can protect buckets
		// created after the deployment, within this account (BucketGrants).
		// The buckets of every region: the console wires each through an S3 client of
		// the bucket's region, to that region's S3 event topic.
		List<String> protectable = protectableBuckets(settings);
		BucketGrants
			.onBuckets("WireProtectedBuckets", List.of("s3:GetBucketNotification", "s3:PutBucketNotification"),
					protectable)
			.forEach(role::addToPolicy);
		// When the operator asks, the console adds the result-tag protection (and the
		// read gate) to a protected bucket's policy, merged with the statements there.
		BucketGrants.onBuckets("ApplyBucketPolicies", List.of("s3:GetBucketPolicy", "s3:PutBucketPolicy"), protectable)
			.forEach(role::addToPolicy);
		// The Buckets page shows each bucket's region (where ListBuckets does not say
		// it): the account's own buckets, metadata only.
		BucketGrants.onBuckets("LocateBuckets", List.of("s3:GetBucketLocation"), List.of("*"))
			.forEach(role::addToPolicy);
		TaskRoles.allow(role, "StartRetroScans", List.of("ecs:RunTask"),
				List.of(agents.retroAgentTask().taskDefinition().getTaskDefinitionArn()));
		TaskRoles.allow(role, "PassRetroRoles", List.of("iam:PassRole"), List.of(agents.retroAgentRole().getRoleArn(),
				agents.retroAgentTask().taskDefinition().obtainExecutionRole().getRoleArn()));
		grantRegions(role, settings);
		// EBS volumes and snapshots: the console lists them and starts their scans.
		agents.grantStartEbsScans(role);
		// Linked accounts: their buckets through their roles, exactly these.
		LinkedRoles.grantAssume(role, settings.linkedAccounts().stream().map(LinkedAccount::account).toList());
		TaskRoles.allow(role, "ReadParameters",
				List.of("ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"),
				List.of("arn:" + Aws.PARTITION + ":ssm:" + settings.consoleRegion() + ":" + Aws.ACCOUNT_ID
						+ ":parameter" + ConsoleRegionStack.PARAMETERS + "*"));
	}

	/**
	 * The console starts the further regions' retro jobs there: RunTask of their retro
	 * task definitions in their clusters, passing their roles (fixed names), and sends to
	 * their retro queues.
	 */
	private static void grantRegions(Role role, DeploymentSettings settings) {
		List<String> regions = settings.agentRegionNames();
		if (regions.isEmpty()) {
			return;
		}
		role.addToPolicy(PolicyStatement.Builder.create()
			.sid("StartRegionalRetroScans")
			.effect(Effect.ALLOW)
			.actions(List.of("ecs:RunTask"))
			.resources(regions.stream().map(RegionResources::retroTaskDefinitionArn).toList())
			.conditions(Map.of("ArnEquals",
					Map.of("ecs:cluster", regions.stream().map(RegionResources::clusterArn).toList())))
			.build());
		TaskRoles.allow(role, "PassRegionalRetroRoles", List.of("iam:PassRole"),
				regions.stream().flatMap((region) -> RegionResources.retroRoleArns(region).stream()).toList());
		TaskRoles.allow(role, "SendRegionalRetroWork", List.of("sqs:SendMessage"),
				regions.stream().map(RegionResources::retroQueueArn).toList());
	}

	/** The protected buckets' names and patterns of every region. */
	private static List<String> protectableBuckets(DeploymentSettings settings) {
		List<String> buckets = new ArrayList<>(settings.protectedBuckets());
		settings.agentRegions()
			.stream()
			.flatMap((region) -> region.protectedBuckets().stream())
			.filter((bucket) -> !buckets.contains(bucket))
			.forEach(buckets::add);
		return buckets;
	}

	private static Map<String, String> environment(DeploymentSettings settings, Cluster cluster, ScanningAgents agents,
			ConsoleAuth auth, String consoleUrl) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put(AgentEnvironment.REGION, settings.consoleRegion());
		environment.put(AgentEnvironment.SERVER_PORT, Integer.toString(AgentEnvironment.HTTP_PORT));
		environment.put(AgentEnvironment.RESULTS_TABLE, SharedResources.RESULTS_TABLE);
		environment.put(AgentEnvironment.SETTINGS_TABLE, SharedResources.SETTINGS_TABLE);
		environment.put(AgentEnvironment.CONSOLE_ISSUER_URI, auth.userPool().getUserPoolProviderUrl());
		environment.put(AgentEnvironment.CONSOLE_CLIENT_ID, auth.consoleClient().getUserPoolClientId());
		// Cognito's discovery has no end_session_endpoint: its /logout ends the session.
		environment.put(AgentEnvironment.CONSOLE_LOGOUT_URL, auth.domain().baseUrl() + "/logout?client_id="
				+ auth.consoleClient().getUserPoolClientId() + "&logout_uri=" + consoleUrl + "/");
		environment.put(AgentEnvironment.CONSOLE_ADMIN_GROUP, ConsoleAuth.ADMIN_GROUP);
		environment.put(AgentEnvironment.CONSOLE_VIEWER_GROUP, ConsoleAuth.VIEWER_GROUP);
		environment.put(AgentEnvironment.CONSOLE_SCAN_QUEUE_URL, agents.scanQueue().queue().getQueueUrl());
		environment.put(AgentEnvironment.CONSOLE_NOTIFICATION_TARGET, agents.s3Events().getTopicArn());
		// What the roles and the topic's policy allow: the console refuses other buckets
		// before S3 would.
		// The linked accounts' buckets of this region are protected through their roles.
		List<String> protectable = new ArrayList<>(settings.protectedBuckets());
		settings.linkedBucketsOf(settings.consoleRegion())
			.stream()
			.filter((bucket) -> !protectable.contains(bucket))
			.forEach(protectable::add);
		environment.put(AgentEnvironment.CONSOLE_PROTECTABLE_BUCKETS, String.join(",", protectable));
		environment.put(AgentEnvironment.CONSOLE_PARAMETERS_PATH, ConsoleRegionStack.PARAMETERS);
		// The exact principals of the bucket policy statements the console shows and
		// applies.
		environment.put(AgentEnvironment.CONSOLE_AGENT_ROLE_ARNS, String.join(",", settings.agentRoleArns()));
		if (!settings.breakGlassRoleArns().isEmpty()) {
			environment.put(AgentEnvironment.CONSOLE_BREAK_GLASS_ROLE_ARNS,
					String.join(",", settings.breakGlassRoleArns()));
		}
		// Starting a retro scan: a run task of the retro agent (`run JOB`: it crawls and
		// starts its workers), where the retro agent starts its own workers.
		environment.put(AgentEnvironment.CONSOLE_RETRO_JOBS_TABLE, SharedResources.JOBS_TABLE);
		environment.put(AgentEnvironment.CONSOLE_RETRO_LAUNCHER, "ECS");
		environment.put(AgentEnvironment.CONSOLE_RETRO_CLUSTER, cluster.getClusterArn());
		environment.put(AgentEnvironment.CONSOLE_RETRO_TASK_DEFINITION,
				agents.retroAgentTask().taskDefinition().getTaskDefinitionArn());
		environment.put(AgentEnvironment.CONSOLE_RETRO_SUBNETS, agents.retroSubnets());
		environment.put(AgentEnvironment.CONSOLE_RETRO_SECURITY_GROUPS, agents.retroTasks().getSecurityGroupId());
		// Every region from one console: this one, and each further region by the fixed
		// names its stack gives its topic, queue, cluster and task definition.
		environment.put(AgentEnvironment.CONSOLE_REGION, settings.consoleRegion());
		List<AgentRegion> regions = settings.agentRegions();
		for (int i = 0; i < regions.size(); i++) {
			environment.putAll(AgentEnvironment.consoleRegion(i,
					RegionResources.forConsole(regions.get(i), settings.linkedBucketsOf(regions.get(i).region()))));
		}
		return environment;
	}

}
