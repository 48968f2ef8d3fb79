package dev.bucketwarden.retro.worker;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;

import dev.bucketwarden.agent.storage.StorageException;
import dev.bucketwarden.jobs.launch.EcsTaskLauncher;
import dev.bucketwarden.jobs.launch.EcsTaskSettings;

/**
 * Starts workers as ECS Fargate tasks of the retro agent's task definition, with the
 * container's command overridden to run a worker for the job.
 */
public class EcsWorkerLauncher implements WorkerLauncher {

	private static final Logger logger = LoggerFactory.getLogger(EcsWorkerLauncher.class);

	private final EcsTaskLauncher tasks;

	public EcsWorkerLauncher(EcsClient ecs, EcsTaskSettings settings) {
		this.tasks = new EcsTaskLauncher(ecs, settings, "bucketwarden.retro.launcher.ecs");
	}

	@Override
	public List<String> launch(String jobId, int count) {
		EcsTaskLauncher.Started started;
		try {
			started = this.tasks.run(jobId, count, command(jobId));
		}
		catch (SdkException ex) {
			throw new StorageException("Starting retro workers for job " + jobId + " failed: " + ex.getMessage(), ex);
		}
		started.failures()
			.forEach((failure) -> logger.warn("ECS did not start a retro worker for job {}: {} {}", jobId,
					failure.reason(), failure.detail()));
		if (started.tasks().isEmpty() && count > 0) {
			throw new StorageException("ECS started no retro worker for job " + jobId + ": " + started.failures(),
					null);
		}
		logger.info("Started {} retro worker tasks for job {}", started.tasks().size(), jobId);
		return started.tasks();
	}

	/** The RunTask requests for {@code count} workers. */
	List<RunTaskRequest> requests(String jobId, int count) {
		return this.tasks.requests(jobId, count, command(jobId));
	}

	private static List<String> command(String jobId) {
		return List.of("worker", "--job", jobId);
	}

}
