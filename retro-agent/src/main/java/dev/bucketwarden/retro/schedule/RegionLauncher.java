package dev.bucketwarden.retro.schedule;

/**
 * Runs a scheduled job in another region: {@code run JOB} with that region's retro queue
 * and task, so that its crawler lists the region's buckets and its workers fetch, tag and
 * move their objects there. The job's record stays in the central jobs table.
 */
public interface RegionLauncher {

	/**
	 * @return what was started (a process id, a task ARN), for the log
	 * @throws IllegalStateException if it cannot be started (the job says why)
	 */
	String launch(String jobId);

}
