package dev.bucketwarden.infra.aws;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EBS volumes and snapshots: in every region, a task definition whose volume ECS makes
 * from a snapshot at launch (mounted read-only), the role ECS does that with, the retro
 * agent's settings to start it, and the narrow EC2 rights of the retro agent and the
 * console.
 */
class EbsScanTests {

	@Test
	void shouldMountTheSnapshotsVolumeReadOnlyInTheRetroAgentsContainer() {
		for (Map<String, Object> template : templates()) {
			Map<String, Object> task = ebsTask(template);
			assertThat(Cfn.list(task.get("Volumes")))
				.contains(Map.of("Name", "scan-volume", "ConfiguredAtLaunch", true));
			assertThat((Object) Cfn.path(task, "EphemeralStorage", "SizeInGiB")).isEqualTo(50);
			Map<String, Object> agent = container(task, "retro-agent");
			assertThat(Cfn.list(agent.get("MountPoints")))
				.contains(Map.of("SourceVolume", "scan-volume", "ContainerPath", "/mnt/scan", "ReadOnly", true));
			// The ClamAV sidecar, which the agent waits for.
			assertThat(container(task, "clamav")).isNotNull();
			assertThat(Cfn.text(task.get("TaskRoleArn"))).contains("ScanningRetroAgentRole");
		}
	}

	@Test
	void shouldLetOnlyEcsCreateTheVolumes() {
		for (Map<String, Object> template : templates()) {
			Map<String, Object> role = infrastructureRole(template);
			assertThat(Cfn.list(Cfn.path(role, "AssumeRolePolicyDocument", "Statement"))).singleElement()
				.satisfies((statement) -> {
					assertThat((Object) Cfn.path(statement, "Principal", "Service")).isEqualTo("ecs.amazonaws.com");
					assertThat((Object) Cfn.path(statement, "Action")).isEqualTo("sts:AssumeRole");
				});
			assertThat(Cfn.list(role.get("ManagedPolicyArns")).stream().map(Cfn::text)).containsExactly(
					"arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSInfrastructureRolePolicyForVolumes");
		}
	}

	@Test
	void shouldTellTheRetroAgentHowToStartASnapshotScan() {
		for (Map<String, Object> template : templates()) {
			for (String family : List.of("bucketwarden-retro-agent", "bucketwarden-ebs-scan")) {
				Binder binder = EnvironmentBindingTests
					.binder(EnvironmentBindingTests.environment(template, family, "retro-agent"));
				assertThat(binder.bind("bucketwarden.retro.ebs.launcher", String.class).get()).isEqualTo("ECS");
				assertThat(binder.bind("bucketwarden.retro.ebs.task-definition", String.class).get())
					.isEqualTo("bucketwarden-ebs-scan");
				assertThat(binder.bind("bucketwarden.retro.ebs.container-name", String.class).get())
					.isEqualTo("retro-agent");
				assertThat(binder.bind("bucketwarden.retro.ebs.volume-name", String.class).get())
					.isEqualTo("scan-volume");
				assertThat(binder.bind("bucketwarden.retro.ebs.mount-path", String.class).get()).isEqualTo("/mnt/scan");
				assertThat(binder.bind("bucketwarden.retro.ebs.infrastructure-role-arn", String.class).get())
					.isEqualTo("${" + logicalId(template, infrastructureRole(template)) + ".Arn}");
			}
		}
	}

	@Test
	void shouldLetTheRetroAgentSnapshotAndTagOnlySnapshotsWithOurKeys() {
		for (String stack : List.of("console", "agents")) {
			String region = stack.equals("console") ? SynthesizedApp.CONSOLE_REGION : SynthesizedApp.AGENT_REGION;
			Map<String, IamPolicyTests.Grant> retro = grants(stack + "/ScanningRetroAgentRole");
			String snapshots = "arn:${AWS::Partition}:ec2:" + region + "::snapshot/*";
			assertThat(retro.get("SnapshotVolumes").resources())
				.containsExactly("arn:${AWS::Partition}:ec2:" + region + ":${AWS::AccountId}:volume/*");
			assertThat(retro.get("SnapshotVolumes").conditions()).isNull();
			assertThat(retro.get("CreateJobSnapshots")).satisfies((grant) -> {
				assertThat(grant.actions()).containsExactly("ec2:CreateSnapshot");
				assertThat(grant.resources()).containsExactly(snapshots);
				assertThat(grant.conditions())
					.isEqualTo(Map.of("Null", Map.of("aws:RequestTag/bucketwarden:retro-job", "false")));
			});
			assertThat(retro.get("TagSnapshots")).satisfies((grant) -> {
				assertThat(grant.actions()).containsExactly("ec2:CreateTags");
				assertThat(grant.resources()).containsExactly(snapshots);
				assertThat(grant.conditions()).isEqualTo(Map.of("ForAllValues:StringEquals",
						Map.of("aws:TagKeys", List.of("scan-result", "scan-date", "bucketwarden:retro-job")), "Null",
						Map.of("aws:TagKeys", "false")));
			});
			assertThat(retro.get("DescribeVolumesAndSnapshots").actions()).containsExactly("ec2:DescribeSnapshots",
					"ec2:DescribeVolumes");
			assertThat(retro.get("StartEbsScans")).satisfies((grant) -> {
				assertThat(grant.resources()).containsExactly("arn:${AWS::Partition}:ecs:" + region
						+ ":${AWS::AccountId}:task-definition/bucketwarden-ebs-scan:*");
				assertThat(Cfn.text(Cfn.path(grant.conditions(), "ArnEquals", "ecs:cluster"))).contains("Cluster");
			});
			assertPassesOnlyToEcs(retro.get("PassEbsInfrastructureRole"));
			assertThat(retro.get("PassEbsScanRoles").resources()).hasSize(2)
				.anyMatch((arn) -> arn.contains("ScanningRetroAgentRole"))
				.anyMatch((arn) -> arn.contains("ScanningEbsScanTaskDefinitionExecutionRole"));
			// No other EC2 right: nothing on volumes but snapshotting them.
			assertThat(retro.values())
				.filteredOn((grant) -> grant.actions().stream().anyMatch((a) -> a.startsWith("ec2:")))
				.extracting((grant) -> grant.where().substring(grant.where().lastIndexOf('/') + 1))
				.containsExactlyInAnyOrder("SnapshotVolumes", "CreateJobSnapshots", "DescribeVolumesAndSnapshots",
						"TagSnapshots");
		}
	}

	@Test
	void shouldLetTheConsoleStartTheConsoleRegionsSnapshotScans() {
		Map<String, IamPolicyTests.Grant> console = ConsoleRegionsTests.consoleGrants();
		assertThat(console.get("StartEbsScans")).satisfies((grant) -> {
			assertThat(grant.actions()).containsExactly("ecs:RunTask");
			assertThat(grant.resources()).singleElement().asString().startsWith("${ScanningEbsScanTaskDefinition");
		});
		assertPassesOnlyToEcs(console.get("PassEbsInfrastructureRole"));
		assertThat(console.get("PassEbsScanRoles").resources()).hasSize(2);
		assertThat(console.get("DescribeVolumesAndSnapshots").resources()).containsExactly("*");
		assertThat(console.values()).flatExtracting(IamPolicyTests.Grant::actions)
			.filteredOn((action) -> action.startsWith("ec2:"))
			.containsExactlyInAnyOrder("ec2:DescribeSnapshots", "ec2:DescribeVolumes");
	}

	private static void assertPassesOnlyToEcs(IamPolicyTests.Grant grant) {
		assertThat(grant.actions()).containsExactly("iam:PassRole");
		assertThat(grant.resources()).singleElement().asString().startsWith("${ScanningEbsInfrastructureRole");
		assertThat(grant.conditions())
			.isEqualTo(Map.of("StringEquals", Map.of("iam:PassedToService", "ecs.amazonaws.com")));
	}

	private static Map<String, IamPolicyTests.Grant> grants(String prefix) {
		Map<String, IamPolicyTests.Grant> grants = new LinkedHashMap<>();
		for (IamPolicyTests.Grant grant : IamPolicyTests.allGrants()) {
			if (grant.where().startsWith(prefix)) {
				grants.put(grant.where().substring(grant.where().lastIndexOf('/') + 1), grant);
			}
		}
		return grants;
	}

	private static List<Map<String, Object>> templates() {
		return List.of(SynthesizedApp.get().consoleJson(), SynthesizedApp.get().agentsJson());
	}

	private static Map<String, Object> ebsTask(Map<String, Object> template) {
		return Cfn.resources(template, "AWS::ECS::TaskDefinition")
			.values()
			.stream()
			.filter((t) -> "bucketwarden-ebs-scan".equals(t.get("Family")))
			.findFirst()
			.orElseThrow();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> container(Map<String, Object> task, String name) {
		return Cfn.list(task.get("ContainerDefinitions"))
			.stream()
			.map((c) -> (Map<String, Object>) c)
			.filter((c) -> name.equals(c.get("Name")))
			.findFirst()
			.orElseThrow();
	}

	private static Map<String, Object> infrastructureRole(Map<String, Object> template) {
		return Cfn.resources(template, "AWS::IAM::Role")
			.values()
			.stream()
			.filter((r) -> String.valueOf(r.get("RoleName")).startsWith("bucketwarden-ebs-infrastructure-"))
			.findFirst()
			.orElseThrow();
	}

	private static String logicalId(Map<String, Object> template, Map<String, Object> resource) {
		return Cfn.resources(template, "AWS::IAM::Role")
			.entrySet()
			.stream()
			.filter((e) -> e.getValue() == resource)
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow();
	}

}
