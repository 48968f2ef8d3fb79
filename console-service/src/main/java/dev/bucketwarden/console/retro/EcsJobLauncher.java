package dev.bucketwarden.console.retro;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.PropagateTags;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskOverride;

import dev.bucketwarden.console.web.AwsUnavailableException;

/**
 * Runs the retro agent for a job as one ECS Fargate task of its task definition, the
 * container's command overridden to {@code run JOB}; that task then starts the job's
 * workers with its own (ECS) launcher.
 */
class EcsJobLauncher implements JobLauncher {

	private static final Logger logger = LoggerFactory.getLogger(EcsJobLauncher.class);

	private final EcsClient ecs;

	private final ConsoleRetroProperties.Ecs settings;

	EcsJobLauncher(EcsClient ecs, ConsoleRetroProperties.Ecs settings) {
		if (settings.cluster() == null || settings.taskDefinition() == null || settings.subnets().isEmpty()) {
			throw new IllegalArgumentException(
					"bucketwarden.console.retro.ecs needs cluster, task-definition and subnets");
		}
		this.ecs = ecs;
		this.settings = settings;
	}

	@Override
	public String launch(String jobId) {
		RunTaskResponse response;
		try {
			response = this.ecs.runTask(request(jobId));
		}
		catch (SdkException ex) {
			throw new AwsUnavailableException(
					"Starting the retro agent for job " + jobId + " failed: " + ex.getMessage(), ex);
		}
		if (response.tasks().isEmpty()) {
			throw new IllegalStateException("ECS did not start the retro agent for job " + jobId + ": "
					+ response.failures().stream().map((f) -> f.reason() + " " + f.detail()).toList());
		}
		String task = response.tasks().getFirst().taskArn();
		logger.info("Started the retro agent for job {}: task {}", jobId, task);
		return "ECS task " + task;
	}

	RunTaskRequest request(String jobId) {
		RunTaskRequest.Builder request = RunTaskRequest.builder()
			.cluster(this.settings.cluster())
			.taskDefinition(this.settings.taskDefinition())
			.count(1)
			.platformVersion(this.settings.platformVersion())
			// ECS keeps at most 36 characters of startedBy.
			.startedBy((jobId.length() <= 36) ? jobId : jobId.substring(jobId.length() - 36))
			.group("bucketwarden-retro")
			.propagateTags(PropagateTags.TASK_DEFINITION)
			.tags(Tag.builder().key("bucketwarden:retro-job").value(jobId).build())
			.networkConfiguration(NetworkConfiguration.builder()
				.awsvpcConfiguration(AwsVpcConfiguration.builder()
					.subnets(this.settings.subnets())
					.securityGroups(this.settings.securityGroups())
					.assignPublicIp(this.settings.assignPublicIp() ? AssignPublicIp.ENABLED : AssignPublicIp.DISABLED)
					.build())
				.build())
			.overrides(TaskOverride.builder()
				.containerOverrides(ContainerOverride.builder()
					.name(this.settings.containerName())
					.command("run", jobId)
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
		return request.build();
	}

	@Override
	public String describe() {
		return "ECS task of " + this.settings.taskDefinition() + " in cluster " + this.settings.cluster() + ": run JOB";
	}

}
