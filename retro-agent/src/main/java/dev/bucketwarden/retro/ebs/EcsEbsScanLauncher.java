package dev.bucketwarden.retro.ebs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.EBSResourceType;
import software.amazon.awssdk.services.ecs.model.EBSTagSpecification;
import software.amazon.awssdk.services.ecs.model.PropagateTags;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskManagedEBSVolumeConfiguration;
import software.amazon.awssdk.services.ecs.model.TaskManagedEBSVolumeTerminationPolicy;
import software.amazon.awssdk.services.ecs.model.TaskVolumeConfiguration;

import dev.bucketwarden.jobs.launch.EcsTaskLauncher;
import dev.bucketwarden.jobs.launch.EcsTaskSettings;

/**
 * Runs the scan of a snapshot as one ECS Fargate task of the EBS scan task definition, in
 * the cluster and network of the retro agent's tasks. The task definition's volume is
 * configured at launch: RunTask gives it a managed EBS volume created from the snapshot
 * (by the ECS infrastructure role, deleted when the task stops, tagged with the job), and
 * the container's command scans the mount path.
 */
public class EcsEbsScanLauncher implements EbsScanLauncher {

	private static final Logger logger = LoggerFactory.getLogger(EcsEbsScanLauncher.class);

	private final EcsClient ecs;

	private final EcsTaskLauncher tasks;

	private final EbsProperties properties;

	/**
	 * @param retroTasks the retro agent's own task settings
	 * ({@code bucketwarden.retro.launcher.ecs}): cluster, network, capacity
	 */
	public EcsEbsScanLauncher(EcsClient ecs, EcsTaskSettings retroTasks, EbsProperties properties) {
		if (properties.infrastructureRoleArn() == null) {
			throw new IllegalArgumentException("bucketwarden.retro.ebs.infrastructure-role-arn is needed for the ECS "
					+ "launcher: the ECS infrastructure role that creates the volume from the snapshot");
		}
		this.ecs = ecs;
		this.tasks = new EcsTaskLauncher(ecs,
				new EcsTaskSettings(retroTasks.cluster(), properties.taskDefinition(), properties.containerName(),
						retroTasks.subnets(), retroTasks.securityGroups(), retroTasks.assignPublicIp(),
						retroTasks.platformVersion(), retroTasks.capacityProvider()),
				"bucketwarden.retro.launcher.ecs");
		this.properties = properties;
	}

	@Override
	public String launch(String jobId, String snapshotId) {
		RunTaskResponse response;
		try {
			response = this.ecs.runTask(request(jobId, snapshotId));
		}
		catch (SdkException ex) {
			throw new IllegalStateException(
					"Starting the scan task of snapshot " + snapshotId + " failed: " + ex.getMessage(), ex);
		}
		if (response.tasks().isEmpty()) {
			throw new IllegalStateException("ECS did not start the scan task of snapshot " + snapshotId + ": "
					+ response.failures().stream().map((f) -> f.reason() + " " + f.detail()).toList());
		}
		String task = response.tasks().getFirst().taskArn();
		logger.info("Job {}: scanning snapshot {} in task {}", jobId, snapshotId, task);
		return "ECS task " + task;
	}

	/** The RunTask request: a retro task of the job, with the snapshot's volume. */
	RunTaskRequest request(String jobId, String snapshotId) {
		RunTaskRequest retroTask = this.tasks
			.requests(jobId, 1, EbsScanLauncher.command(jobId, this.properties.mountPath()))
			.getFirst();
		return retroTask.toBuilder()
			.volumeConfigurations(TaskVolumeConfiguration.builder()
				.name(this.properties.volumeName())
				.managedEBSVolume(TaskManagedEBSVolumeConfiguration.builder()
					.snapshotId(snapshotId)
					.roleArn(this.properties.infrastructureRoleArn())
					.volumeType(this.properties.volumeType())
					.terminationPolicy(
							TaskManagedEBSVolumeTerminationPolicy.builder().deleteOnTermination(true).build())
					.tagSpecifications(EBSTagSpecification.builder()
						.resourceType(EBSResourceType.VOLUME)
						.tags(Tag.builder().key(Snapshots.JOB_TAG).value(jobId).build())
						.propagateTags(PropagateTags.NONE)
						.build())
					.build())
				.build())
			.build();
	}

}
