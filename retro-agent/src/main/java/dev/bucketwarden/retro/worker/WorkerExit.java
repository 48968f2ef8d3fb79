package dev.bucketwarden.retro.worker;

/**
 * Why and after how much work a worker stopped.
 *
 * @param reason why it stopped
 * @param messages messages it handled
 */
public record WorkerExit(Reason reason, long messages) {

	public enum Reason {

		/** The job's crawl was finished and the queue stayed empty for the idle time. */
		IDLE,
		/** The job was cancelled (or failed, or is gone). */
		JOB_ENDED,
		/** Asked to stop (shutdown). */
		STOPPED

	}

}
