package dev.bucketwarden.retro.schedule;

import java.util.List;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;

import dev.bucketwarden.jobs.launch.EcsTaskLauncher;
import dev.bucketwarden.jobs.launch.EcsTaskSettings;

/**
 * Runs a scheduled job as one ECS task of a further region's retro task definition
 * ({@code run JOB}), through an ECS client of that region; the task's environment is the
 * region's (queue, results region), and it starts the job's workers there.
 */
class EcsRegionLauncher implements RegionLauncher {

	private final String region;

	private final EcsTaskLauncher tasks;

	EcsRegionLauncher(String region, EcsClient ecs, EcsTaskSettings settings) {
		this.region = region;
		this.tasks = new EcsTaskLauncher(ecs, settings, "bucketwarden.retro.regions[" + region + "].ecs");
	}

	@Override
	public String launch(String jobId) {
		EcsTaskLauncher.Started started;
		try {
			started = this.tasks.run(jobId, 1, command(jobId));
		}
		catch (SdkException ex) {
			throw new IllegalStateException(
					"Starting the retro agent in " + this.region + " failed: " + ex.getMessage(), ex);
		}
		if (started.tasks().isEmpty()) {
			throw new IllegalStateException("ECS did not start the retro agent in " + this.region + ": "
					+ started.failures().stream().map((f) -> f.reason() + " " + f.detail()).toList());
		}
		return "ECS task " + started.tasks().getFirst() + " in " + this.region;
	}

	RunTaskRequest request(String jobId) {
		return this.tasks.requests(jobId, 1, command(jobId)).getFirst();
	}

	private static List<String> command(String jobId) {
		return List.of("run", jobId);
	}

}
