package dev.bucketwarden.agent.storage;

/** S3 failed in a way that may pass (throttling, 5xx, network): the scan is retried. */
public class StorageException extends RuntimeException {

	public StorageException(String message, Throwable cause) {
		super(message, cause);
	}

}
