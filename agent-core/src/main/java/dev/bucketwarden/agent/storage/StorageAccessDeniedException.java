package dev.bucketwarden.agent.storage;

/**
 * S3 or KMS refused access. Retrying does not help; the object is reported as an error
 * with reason access denied, never as clean.
 */
public class StorageAccessDeniedException extends RuntimeException {

	public StorageAccessDeniedException(String message, Throwable cause) {
		super(message, cause);
	}

}
