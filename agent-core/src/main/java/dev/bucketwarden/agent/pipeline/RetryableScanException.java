package dev.bucketwarden.agent.pipeline;

/**
 * The scan could not be completed for a reason that may pass (engine down, S3
 * throttling): leave the request unacknowledged so it is retried, and dead-lettered after
 * the last attempt.
 */
public class RetryableScanException extends RuntimeException {

	public RetryableScanException(String message, Throwable cause) {
		super(message, cause);
	}

}
