package dev.bucketwarden.agent.storage;

import org.jspecify.annotations.Nullable;

/** S3 failed in a way that may pass (throttling, 5xx, network): the scan is retried. */
public class StorageException extends RuntimeException {

	public StorageException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
