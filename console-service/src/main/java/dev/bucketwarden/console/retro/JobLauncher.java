package dev.bucketwarden.console.retro;

/**
 * Runs the retro agent for a job whose record exists: {@code retro-agent.jar run JOB},
 * which starts the job's workers, crawls, and adds workers if the queue asks for them.
 */
public interface JobLauncher {

	/**
	 * @return what was started (a process id, a task ARN), for the audit log
	 * @throws IllegalStateException if it cannot be started as configured
	 */
	String launch(String jobId);

	/** For the page: how jobs are run. */
	String describe();

	/** Only records the job: the retro agent is run otherwise. */
	JobLauncher NONE = new JobLauncher() {

		@Override
		public String launch(String jobId) {
			return "nothing (launcher NONE)";
		}

		@Override
		public String describe() {
			return "none: the job is recorded, run it with retro-agent.jar run JOB";
		}

	};

}
