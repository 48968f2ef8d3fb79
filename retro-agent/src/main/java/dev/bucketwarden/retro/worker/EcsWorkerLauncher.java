package dev.bucketwarden.retro.worker;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.PropagateTags;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskOverride;

import dev.bucketwarden.agent.storage.StorageException;

/**
 * Starts workers as ECS Fargate tasks of the retro agent's task definition, with the
 * container's command overridden to run a worker for the job. RunTask starts at most ten
 * tasks per call, so larger counts take several calls.
 */
public class EcsWorkerLauncher implements WorkerLauncher {

	static final int MAX_PER_CALL = 10;

	private static final Logger logger = LoggerFactory.getLogger(EcsWorkerLauncher.class);

	private final EcsClient ecs;

	private final LauncherProperties.Ecs settings;

	public EcsWorkerLauncher(EcsClient ecs, LauncherProperties.Ecs settings) {
		if (settings.cluster() == null || settings.taskDefinition() == null || settings.subnets().isEmpty()) {
			throw new IllegalArgumentException(
					"bucketwarden.retro.launcher.ecs needs cluster, task-definition and subnets");
		}
		this.ecs = ecs;
		this.settings = settings;
	}

	@Override
	public List<String> launch(String jobId, int count) {
		List<String> tasks = new ArrayList<>();
		List<Failure> failures = new ArrayList<>();
		for (RunTaskRequest request : requests(jobId, count)) {
			try {
				RunTaskResponse response = this.ecs.runTask(request);
				response.tasks().forEach((task) -> tasks.add(task.taskArn()));
				failures.addAll(response.failures());
			}
			catch (SdkException ex) {
				throw new StorageException("Starting retro workers for job " + jobId + " failed: " + ex.getMessage(),
						ex);
			}
		}
		failures.forEach((failure) -> logger.warn("ECS did not start a retro worker for job {}: {} {}", jobId,
				failure.reason(), failure.detail()));
		if (tasks.isEmpty() && count > 0) {
			throw new StorageException("ECS started no retro worker for job " + jobId + ": " + failures, null);
		}
		logger.info("Started {} retro worker tasks for job {}", tasks.size(), jobId);
		return tasks;
	}

	/** The RunTask requests for {@code count} workers. */
	List<RunTaskRequest> requests(String jobId, int count) {
		List<RunTaskRequest> requests = new ArrayList<>();
		for (int left = count; left > 0; left -= MAX_PER_CALL) {
			RunTaskRequest.Builder request = RunTaskRequest.builder()
				.cluster(this.settings.cluster())
				.taskDefinition(this.settings.taskDefinition())
				.count(Math.min(MAX_PER_CALL, left))
				.platformVersion(this.settings.platformVersion())
				.startedBy(startedBy(jobId))
				.group("bucketwarden-retro")
				.propagateTags(PropagateTags.TASK_DEFINITION)
				.tags(Tag.builder().key("bucketwarden:retro-job").value(jobId).build())
				.networkConfiguration(NetworkConfiguration.builder()
					.awsvpcConfiguration(AwsVpcConfiguration.builder()
						.subnets(this.settings.subnets())
						.securityGroups(this.settings.securityGroups())
						.assignPublicIp(
								this.settings.assignPublicIp() ? AssignPublicIp.ENABLED : AssignPublicIp.DISABLED)
						.build())
					.build())
				.overrides(TaskOverride.builder()
					.containerOverrides(ContainerOverride.builder()
						.name(this.settings.containerName())
						.command("worker", "--job", jobId)
						.environment(KeyValuePair.builder().name("BUCKETWARDEN_RETRO_JOB").value(jobId).build())
						.build())
					.build());
			if (this.settings.capacityProvider() != null) {
				request.capacityProviderStrategy(CapacityProviderStrategyItem.builder()
					.capacityProvider(this.settings.capacityProvider())
					.weight(1)
					.build());
			}
			else {
				request.launchType(LaunchType.FARGATE);
			}
			requests.add(request.build());
		}
		return requests;
	}

	/** ECS keeps at most 36 characters of startedBy. */
	private static String startedBy(String jobId) {
		return (jobId.length() <= 36) ? jobId : jobId.substring(jobId.length() - 36);
	}

}
