package dev.bucketwarden.console.retro;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;

import dev.bucketwarden.console.web.AwsUnavailableException;
import dev.bucketwarden.jobs.launch.EcsTaskLauncher;
import dev.bucketwarden.jobs.launch.EcsTaskSettings;

/**
 * Runs the retro agent for a job as one ECS Fargate task of its task definition, the
 * container's command overridden to {@code run JOB}; that task then starts the job's
 * workers with its own (ECS) launcher.
 */
class EcsJobLauncher implements JobLauncher {

	private static final Logger logger = LoggerFactory.getLogger(EcsJobLauncher.class);

	private final EcsTaskLauncher tasks;

	EcsJobLauncher(EcsClient ecs, EcsTaskSettings settings) {
		this.tasks = new EcsTaskLauncher(ecs, settings, "bucketwarden.console.retro.ecs");
	}

	@Override
	public String launch(String jobId) {
		EcsTaskLauncher.Started started;
		try {
			started = this.tasks.run(jobId, 1, command(jobId));
		}
		catch (SdkException ex) {
			throw new AwsUnavailableException(
					"Starting the retro agent for job " + jobId + " failed: " + ex.getMessage(), ex);
		}
		if (started.tasks().isEmpty()) {
			throw new IllegalStateException("ECS did not start the retro agent for job " + jobId + ": "
					+ started.failures().stream().map((f) -> f.reason() + " " + f.detail()).toList());
		}
		String task = started.tasks().getFirst();
		logger.info("Started the retro agent for job {}: task {}", jobId, task);
		return "ECS task " + task;
	}

	RunTaskRequest request(String jobId) {
		return this.tasks.requests(jobId, 1, command(jobId)).getFirst();
	}

	private static List<String> command(String jobId) {
		return List.of("run", jobId);
	}

	@Override
	public String describe() {
		return "ECS task of " + this.tasks.settings().taskDefinition() + " in cluster "
				+ this.tasks.settings().cluster() + ": run JOB";
	}

}
