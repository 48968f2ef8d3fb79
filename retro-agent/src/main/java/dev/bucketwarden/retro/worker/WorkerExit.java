package dev.bucketwarden.retro.worker;

/**
 * Why and after how much work a worker stopped.
 *
 * @param reason why it stopped
 * @param objects objects it gave a result
 */
public record WorkerExit(Reason reason, long objects) {

	public enum Reason {

		/** The job's crawl was finished and the queue stayed empty for the idle time. */
		IDLE,
		/** The job was cancelled (or failed, or is gone). */
		JOB_ENDED,
		/** Asked to stop (shutdown). */
		STOPPED

	}

}
