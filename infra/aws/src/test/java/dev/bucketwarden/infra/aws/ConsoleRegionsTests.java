package dev.bucketwarden.infra.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every region from one console: the console's configuration names each further region's
 * topic, retro queue, cluster, task definition and roles by the names that region's stack
 * gives them (no reference across regions exists at synth time), and its role may wire,
 * start and pass exactly those. The agents say which region scanned a record.
 */
class ConsoleRegionsTests {

	private static final String REGION = SynthesizedApp.AGENT_REGION;

	private static final String ACCOUNT_ARN = ":" + REGION + ":${AWS::AccountId}:";

	@Test
	void shouldGiveTheConsoleEachFurtherRegionByItsFixedNames() {
		Binder binder = EnvironmentBindingTests.binder(EnvironmentBindingTests
			.environment(SynthesizedApp.get().consoleJson(), "bucketwarden-console-service", "console-service"));
		assertThat(binder.bind("bucketwarden.console.region", String.class).get())
			.isEqualTo(SynthesizedApp.CONSOLE_REGION);
		assertThat(binder.bind("bucketwarden.console.regions[0].name", String.class).get()).isEqualTo(REGION);
		assertThat(binder.bind("bucketwarden.console.regions[0].notification-target", String.class).get())
			.isEqualTo("arn:${AWS::Partition}:sns" + ACCOUNT_ARN + "bucketwarden-s3-events");
		assertThat(binder.bind("bucketwarden.console.regions[0].retro-queue-url", String.class).get())
			.isEqualTo("https://sqs." + REGION + ".${AWS::URLSuffix}/${AWS::AccountId}/bucketwarden-retro");
		assertThat(binder.bind("bucketwarden.console.regions[0].retro-ecs.cluster", String.class).get())
			.isEqualTo("arn:${AWS::Partition}:ecs" + ACCOUNT_ARN + "cluster/bucketwarden");
		assertThat(binder.bind("bucketwarden.console.regions[0].retro-ecs.task-definition", String.class).get())
			.isEqualTo("bucketwarden-retro-agent");
		assertThat(binder.bind("bucketwarden.console.regions[0].retro-ecs.subnets", String[].class).get())
			.containsExactlyElementsOf(SynthesizedApp.AGENT_REGION_RETRO_SUBNETS);
		assertThat(binder.bind("bucketwarden.console.regions[0].retro-ecs.security-groups", String[].class).get())
			.containsExactly(SynthesizedApp.AGENT_REGION_RETRO_SECURITY_GROUP);
		// The region's own buckets, then those of the linked accounts its agents act for.
		List<String> regionProtectable = new ArrayList<>(SynthesizedApp.AGENT_REGION_PROTECTED);
		regionProtectable.addAll(SynthesizedApp.LINKED_PROTECTED);
		regionProtectable.addAll(SynthesizedApp.CENTRAL_LINKED_PROTECTED);
		assertThat(binder.bind("bucketwarden.console.regions[0].protectable-buckets", String[].class).get())
			.containsExactlyElementsOf(regionProtectable);
		List<String> consoleProtectable = new ArrayList<>(SynthesizedApp.PROTECTED);
		consoleProtectable.addAll(SynthesizedApp.LINKED_PROTECTED);
		assertThat(binder.bind("bucketwarden.console.protectable-buckets", String[].class).get())
			.as("the console region's buckets and those of the linked account that covers every region")
			.containsExactlyElementsOf(consoleProtectable);
		assertThat(binder.bind("bucketwarden.console.regions[1].name", String.class).isBound()).isFalse();
	}

	/** The names the console uses are the ones the further region's stack gives. */
	@Test
	void shouldNameWhatTheFurtherRegionsStackCreates() {
		Map<String, Object> agents = SynthesizedApp.get().agentsJson();
		assertThat(Cfn.resources(agents, "AWS::SNS::Topic").values()).extracting((t) -> t.get("TopicName"))
			.contains("bucketwarden-s3-events");
		assertThat(Cfn.resources(agents, "AWS::SQS::Queue").values()).extracting((q) -> q.get("QueueName"))
			.contains("bucketwarden-retro");
		assertThat(Cfn.resources(agents, "AWS::ECS::Cluster").values()).extracting((c) -> c.get("ClusterName"))
			.containsExactly("bucketwarden");
		assertThat(Cfn.resources(agents, "AWS::ECS::TaskDefinition").values()).extracting((t) -> t.get("Family"))
			.contains("bucketwarden-retro-agent");
		assertThat(Cfn.resources(agents, "AWS::IAM::Role").values()).extracting((r) -> r.get("RoleName"))
			.contains("bucketwarden-agent-retro-" + REGION, "bucketwarden-retro-execution-" + REGION);
		// The execution role of the retro task definition is the one with the fixed name.
		Map<String, Object> retro = Cfn.resources(agents, "AWS::ECS::TaskDefinition")
			.values()
			.stream()
			.filter((t) -> "bucketwarden-retro-agent".equals(t.get("Family")))
			.findFirst()
			.orElseThrow();
		String executionRole = Cfn.text(retro.get("ExecutionRoleArn")).replace("${", "").replace(".Arn}", "");
		assertThat(Cfn.resources(agents, "AWS::IAM::Role").get(executionRole).get("RoleName"))
			.isEqualTo("bucketwarden-retro-execution-" + REGION);
		Map<String, Object> outputs = Cfn.path(agents, "Outputs");
		assertThat(outputs).containsKeys("RetroSubnets", "RetroSecurityGroups");
	}

	@Test
	void shouldLetTheConsoleStartAndFeedExactlyTheFurtherRegionsRetroJobs() {
		Map<String, IamPolicyTests.Grant> console = consoleGrants();
		assertThat(console.get("StartRegionalRetroScans")).satisfies((grant) -> {
			assertThat(grant.actions()).containsExactly("ecs:RunTask");
			assertThat(grant.resources()).containsExactly(
					"arn:${AWS::Partition}:ecs" + ACCOUNT_ARN + "task-definition/bucketwarden-retro-agent:*");
			assertThat(Cfn.list(Cfn.path(grant.conditions(), "ArnEquals", "ecs:cluster")).stream().map(Cfn::text))
				.containsExactly("arn:${AWS::Partition}:ecs" + ACCOUNT_ARN + "cluster/bucketwarden");
		});
		assertThat(console.get("PassRegionalRetroRoles").resources()).containsExactly(
				"arn:${AWS::Partition}:iam::${AWS::AccountId}:role/bucketwarden-agent-retro-" + REGION,
				"arn:${AWS::Partition}:iam::${AWS::AccountId}:role/bucketwarden-retro-execution-" + REGION);
		assertThat(console.get("SendRegionalRetroWork").resources())
			.containsExactly("arn:${AWS::Partition}:sqs" + ACCOUNT_ARN + "bucketwarden-retro");
		// The further region's buckets are wired by the console too (a pattern: this
		// account's only).
		assertThat(console.get("WireProtectedBucketsByPattern").resources())
			.contains("arn:${AWS::Partition}:s3:::acme-west-*");
		assertThat(console.get("LocateBucketsByPattern")).satisfies((grant) -> {
			assertThat(grant.actions()).containsExactly("s3:GetBucketLocation");
			assertThat(grant.conditions())
				.isEqualTo(Map.of("StringEquals", Map.of("s3:ResourceAccount", Map.of("Ref", "AWS::AccountId"))));
		});
	}

	@Test
	void shouldTellTheAgentsTheDeploymentsOwnAccount() {
		SynthesizedApp.Synthesized app = SynthesizedApp.get();
		for (String agent : List.of("event-agent", "retro-agent")) {
			Binder binder = EnvironmentBindingTests
				.binder(EnvironmentBindingTests.environment(app.agentsJson(), "bucketwarden-" + agent, agent));
			assertThat(binder.bind("bucketwarden.accounts.own-account", String.class).get()).as(agent)
				.isEqualTo("${AWS::AccountId}");
		}
	}

	@Test
	void shouldRecordTheAgentsOwnRegion() {
		SynthesizedApp.Synthesized app = SynthesizedApp.get();
		for (String agent : List.of("event-agent", "retro-agent", "api-agent")) {
			assertThat(region(app.consoleJson(), agent)).as(agent).isEqualTo(SynthesizedApp.CONSOLE_REGION);
		}
		for (String agent : List.of("event-agent", "retro-agent")) {
			assertThat(region(app.agentsJson(), agent)).as(agent).isEqualTo(REGION);
		}
	}

	private static String region(Map<String, Object> template, String agent) {
		return EnvironmentBindingTests
			.binder(EnvironmentBindingTests.environment(template, "bucketwarden-" + agent, agent))
			.bind("bucketwarden.results.region", String.class)
			.get();
	}

	/**
	 * The retro scheduler (console region) runs a further region's schedules there: it
	 * gets that region's queue and retro task settings by the names the console gets, and
	 * may start exactly that region's retro task.
	 */
	@Test
	void shouldGiveTheSchedulerEachFurtherRegionAndLetItStartThatRegionsRetroTask() {
		Binder binder = EnvironmentBindingTests.binder(EnvironmentBindingTests
			.environment(SynthesizedApp.get().consoleJson(), "bucketwarden-retro-scheduler", "retro-agent"));
		assertThat(binder.bind("bucketwarden.retro.regions[0].name", String.class).get()).isEqualTo(REGION);
		assertThat(binder.bind("bucketwarden.retro.regions[0].retro-queue-url", String.class).get())
			.isEqualTo("https://sqs." + REGION + ".${AWS::URLSuffix}/${AWS::AccountId}/bucketwarden-retro");
		assertThat(binder.bind("bucketwarden.retro.regions[0].ecs.cluster", String.class).get())
			.isEqualTo("arn:${AWS::Partition}:ecs" + ACCOUNT_ARN + "cluster/bucketwarden");
		assertThat(binder.bind("bucketwarden.retro.regions[0].ecs.task-definition", String.class).get())
			.isEqualTo("bucketwarden-retro-agent");
		assertThat(binder.bind("bucketwarden.retro.regions[0].ecs.subnets", String[].class).get())
			.containsExactlyElementsOf(SynthesizedApp.AGENT_REGION_RETRO_SUBNETS);
		assertThat(binder.bind("bucketwarden.retro.regions[0].ecs.security-groups", String[].class).get())
			.containsExactly(SynthesizedApp.AGENT_REGION_RETRO_SECURITY_GROUP);
		assertThat(binder.bind("bucketwarden.retro.regions[1].name", String.class).isBound()).isFalse();

		List<IamPolicyTests.Grant> start = IamPolicyTests.allGrants()
			.stream()
			.filter((grant) -> grant.where().startsWith("console/") && grant.where().contains("RetroSchedulerRegions")
					&& grant.where().endsWith("/StartRegionalScheduledScans"))
			.toList();
		assertThat(start).singleElement().satisfies((grant) -> {
			assertThat(grant.actions()).containsExactly("ecs:RunTask");
			assertThat(grant.resources()).containsExactly(
					"arn:${AWS::Partition}:ecs" + ACCOUNT_ARN + "task-definition/bucketwarden-retro-agent:*");
			assertThat(Cfn.list(Cfn.path(grant.conditions(), "ArnEquals", "ecs:cluster")).stream().map(Cfn::text))
				.containsExactly("arn:${AWS::Partition}:ecs" + ACCOUNT_ARN + "cluster/bucketwarden");
		});
		assertThat(IamPolicyTests.allGrants()
			.stream()
			.filter((grant) -> grant.where().startsWith("console/") && grant.where().contains("RetroSchedulerRegions")
					&& grant.where().endsWith("/PassRegionalRetroRoles"))
			.toList())
			.singleElement()
			.satisfies((grant) -> assertThat(grant.resources()).containsExactly(
					"arn:${AWS::Partition}:iam::${AWS::AccountId}:role/bucketwarden-agent-retro-" + REGION,
					"arn:${AWS::Partition}:iam::${AWS::AccountId}:role/bucketwarden-retro-execution-" + REGION));
	}

	/** The console role's statements by Sid. */
	static Map<String, IamPolicyTests.Grant> consoleGrants() {
		Map<String, IamPolicyTests.Grant> grants = new LinkedHashMap<>();
		for (IamPolicyTests.Grant grant : IamPolicyTests.allGrants()) {
			if (grant.where().startsWith("console/ConsoleRole")) {
				grants.put(grant.where().substring(grant.where().lastIndexOf('/') + 1), grant);
			}
		}
		return grants;
	}

}
