package dev.bucketwarden.jobs.launch;

import java.util.ArrayList;
import java.util.List;

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

/**
 * Runs tasks of the retro agent's task definition for a job, the container's command
 * overridden. Every task is tagged and grouped as a retro task of its job (so that ECS
 * and the bill show which job ran it) and gets the job id in its environment. RunTask
 * starts at most ten tasks per call, so larger counts take several calls.
 */
public class EcsTaskLauncher {

	static final int MAX_PER_CALL = 10;

	private final EcsClient ecs;

	private final EcsTaskSettings settings;

	/**
	 * @param settingsPrefix where the settings are bound, for the message when they are
	 * incomplete
	 */
	public EcsTaskLauncher(EcsClient ecs, EcsTaskSettings settings, String settingsPrefix) {
		if (!settings.complete()) {
			throw new IllegalArgumentException(settingsPrefix + " needs cluster, task-definition and subnets");
		}
		this.ecs = ecs;
		this.settings = settings;
	}

	public EcsTaskSettings settings() {
		return this.settings;
	}

	/**
	 * Runs {@code count} tasks of the job with the container's command.
	 * @return the tasks started and the failures ECS reported (a task it did not start)
	 * @throws SdkException when ECS cannot be called (callers say what failed to start)
	 */
	public Started run(String jobId, int count, List<String> command) {
		List<String> tasks = new ArrayList<>();
		List<Failure> failures = new ArrayList<>();
		for (RunTaskRequest request : requests(jobId, count, command)) {
			RunTaskResponse response = this.ecs.runTask(request);
			response.tasks().forEach((task) -> tasks.add(task.taskArn()));
			failures.addAll(response.failures());
		}
		return new Started(List.copyOf(tasks), List.copyOf(failures));
	}

	/** The RunTask requests for {@code count} tasks. */
	public List<RunTaskRequest> requests(String jobId, int count, List<String> command) {
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
						.command(command)
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

	/**
	 * What a run started.
	 *
	 * @param tasks the ARNs of the tasks started
	 * @param failures what ECS did not start, and why
	 */
	public record Started(List<String> tasks, List<Failure> failures) {
	}

}
