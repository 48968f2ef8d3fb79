package dev.bucketwarden.retro.worker;

import java.util.List;

/**
 * Starts retro workers for a job: ECS Fargate tasks in AWS, local processes on a laptop.
 * Workers stop by themselves (idle, or job cancelled), so there is no stop.
 */
public interface WorkerLauncher {

	/**
	 * Starts {@code count} workers for the job.
	 * @return a handle per worker started (task ARN, process id)
	 */
	List<String> launch(String jobId, int count);

}
