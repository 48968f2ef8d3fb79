package dev.bucketwarden.infra.aws.region;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.ecs.ICluster;
import software.amazon.awscdk.services.ecs.MountPoint;
import software.amazon.awscdk.services.ecs.Volume;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

import dev.bucketwarden.infra.aws.access.TaskRoles;
import dev.bucketwarden.infra.aws.service.AgentEnvironment;
import dev.bucketwarden.infra.aws.service.ServiceImage;
import dev.bucketwarden.infra.aws.service.ServiceTask;
import dev.bucketwarden.infra.aws.service.ServiceTask.Spec;

/**
 * Scans of EBS volumes and snapshots: one Fargate task of the family {@value #FAMILY} per
 * snapshot (the retro agent's image and the ClamAV sidecar), whose volume
 * {@value #VOLUME} is configured at launch: RunTask gives it a managed EBS volume made
 * from the snapshot, which ECS creates and deletes through the infrastructure role, and
 * the agent walks it read-only at {@value #MOUNT_PATH}. The retro agent takes the
 * snapshot of a volume, starts the task and tags the snapshot with the verdict; these are
 * its rights for that, and no more: snapshots only of this region, tags only on snapshots
 * and only our keys.
 */
public final class EbsScans {

	static final String FAMILY = "bucketwarden-ebs-scan";

	static final String VOLUME = "scan-volume";

	static final String MOUNT_PATH = "/mnt/scan";

	/** The AWS managed policy ECS needs to create, attach and delete task volumes. */
	static final String INFRASTRUCTURE_POLICY = "service-role/AmazonECSInfrastructureRolePolicyForVolumes";

	/** The tag a snapshot the retro agent takes carries from its creation on. */
	public static final String JOB_TAG = "bucketwarden:retro-job";

	/** The only tags the retro agent may put on snapshots: the verdict and its job. */
	public static final List<String> SNAPSHOT_TAG_KEYS = List.of("scan-result", "scan-date", JOB_TAG);

	/**
	 * The task scans from the volume, not from its own disk; clamd unpacks archives into
	 * its temporary directory (task storage), so more than Fargate's 21 GiB.
	 */
	static final int EPHEMERAL_STORAGE_GIB = 50;

	private final Role infrastructureRole;

	private final String region;

	EbsScans(Construct scope, String region) {
		this.region = region;
		this.infrastructureRole = Role.Builder.create(scope, "EbsInfrastructureRole")
			.roleName("bucketwarden-ebs-infrastructure-" + region)
			.description("ECS creates, attaches and deletes the EBS volumes of BucketWarden's snapshot scans")
			.assumedBy(new ServicePrincipal("ecs.amazonaws.com"))
			.managedPolicies(List.of(ManagedPolicy.fromAwsManagedPolicyName(INFRASTRUCTURE_POLICY)))
			.build();
	}

	/** The retro agent's {@code bucketwarden.retro.ebs.*} on top of its environment. */
	Map<String, String> environment(Map<String, String> retro) {
		Map<String, String> environment = new LinkedHashMap<>(retro);
		environment.put(AgentEnvironment.RETRO_EBS_LAUNCHER, "ECS");
		// By family, the latest revision (the retro agent's task definition holds this
		// environment too and cannot name the other's ARN without a cycle).
		environment.put(AgentEnvironment.RETRO_EBS_TASK_DEFINITION, FAMILY);
		environment.put(AgentEnvironment.RETRO_EBS_CONTAINER_NAME, ServiceImage.RETRO_AGENT.folder());
		environment.put(AgentEnvironment.RETRO_EBS_VOLUME_NAME, VOLUME);
		environment.put(AgentEnvironment.RETRO_EBS_MOUNT_PATH, MOUNT_PATH);
		environment.put(AgentEnvironment.RETRO_EBS_INFRASTRUCTURE_ROLE_ARN, this.infrastructureRole.getRoleArn());
		return environment;
	}

	/**
	 * The task definition, and the retro agent's rights to take snapshots, tag them and
	 * start the task.
	 * @param retro the retro agent's task spec (image, environment, logs)
	 */
	ServiceTask addTask(Construct scope, Spec retro, Role retroRole, ICluster cluster) {
		ServiceTask task = ServiceTask.scanning(scope, "EbsScan",
				retro.asTask("ebs-scan", List.of()).withEphemeralStorageGiB(EPHEMERAL_STORAGE_GIB), retroRole);
		task.taskDefinition().addVolume(Volume.builder().name(VOLUME).configuredAtLaunch(true).build());
		task.container()
			.addMountPoints(MountPoint.builder().sourceVolume(VOLUME).containerPath(MOUNT_PATH).readOnly(true).build());
		grantSnapshots(retroRole);
		retroRole.addToPolicy(PolicyStatement.Builder.create()
			.sid("StartEbsScans")
			.effect(Effect.ALLOW)
			.actions(List.of("ecs:RunTask"))
			.resources(List.of(familyArn()))
			.conditions(Map.of("ArnEquals", Map.of("ecs:cluster", cluster.getClusterArn())))
			.build());
		grantPass(retroRole, task);
		return task;
	}

	/** Whoever starts the task: pass its roles, and the volume role only to ECS. */
	void grantPass(Role starter, ServiceTask task) {
		TaskRoles.allow(starter, "PassEbsScanRoles", List.of("iam:PassRole"),
				List.of(task.taskDefinition().getTaskRole().getRoleArn(),
						task.taskDefinition().obtainExecutionRole().getRoleArn()));
		starter.addToPolicy(PolicyStatement.Builder.create()
			.sid("PassEbsInfrastructureRole")
			.effect(Effect.ALLOW)
			.actions(List.of("iam:PassRole"))
			.resources(List.of(this.infrastructureRole.getRoleArn()))
			.conditions(Map.of("StringEquals", Map.of("iam:PassedToService", "ecs.amazonaws.com")))
			.build());
	}

	/**
	 * Snapshots of this region's volumes (the volume side of CreateSnapshot has no
	 * request tags; the snapshot side must carry the job's tag), describing volumes and
	 * snapshots (EC2's Describe actions take no resource but *; they read metadata, no
	 * data), and tags on snapshots only, only our keys.
	 */
	private void grantSnapshots(Role role) {
		String ec2 = "arn:" + Aws.PARTITION + ":ec2:" + this.region + ":";
		String snapshots = ec2 + ":snapshot/*";
		TaskRoles.allow(role, "SnapshotVolumes", List.of("ec2:CreateSnapshot"),
				List.of(ec2 + Aws.ACCOUNT_ID + ":volume/*"));
		role.addToPolicy(PolicyStatement.Builder.create()
			.sid("CreateJobSnapshots")
			.effect(Effect.ALLOW)
			.actions(List.of("ec2:CreateSnapshot"))
			.resources(List.of(snapshots))
			.conditions(Map.of("Null", Map.of("aws:RequestTag/" + JOB_TAG, "false")))
			.build());
		describe(role);
		role.addToPolicy(PolicyStatement.Builder.create()
			.sid("TagSnapshots")
			.effect(Effect.ALLOW)
			.actions(List.of("ec2:CreateTags"))
			.resources(List.of(snapshots))
			.conditions(Map.of("ForAllValues:StringEquals", Map.of("aws:TagKeys", SNAPSHOT_TAG_KEYS), "Null",
					Map.of("aws:TagKeys", "false")))
			.build());
	}

	/** Listing volumes and snapshots with their tags (the console's EBS page too). */
	static void describe(Role role) {
		TaskRoles.allow(role, "DescribeVolumesAndSnapshots", List.of("ec2:DescribeSnapshots", "ec2:DescribeVolumes"),
				List.of("*"));
	}

	private String familyArn() {
		return "arn:" + Aws.PARTITION + ":ecs:" + this.region + ":" + Aws.ACCOUNT_ID + ":task-definition/" + FAMILY
				+ ":*";
	}

	IRole infrastructureRole() {
		return this.infrastructureRole;
	}

}
