package dev.bucketwarden.retro.ebs;

import java.util.List;

/**
 * Starts the scan of a job's completed snapshot: something that mounts a volume created
 * from it and runs {@code volume-run --job JOB --directory DIR} over it.
 */
public interface EbsScanLauncher {

	/**
	 * @return what was started (a task ARN, a process id)
	 * @throws IllegalStateException if it cannot be started as configured
	 */
	String launch(String jobId, String snapshotId);

	/** The retro agent's command that scans the mounted volume. */
	static List<String> command(String jobId, String directory) {
		return List.of("volume-run", "--job", jobId, "--directory", directory);
	}

}
