package dev.bucketwarden.agent.storage;

/**
 * A conditional write ({@code If-None-Match: *}) found an object under the key, even one
 * another writer created after any check of ours: S3 refused it with 412 (or 409 for a
 * concurrent conditional write), and nothing was stored.
 */
public class ObjectExistsException extends StorageException {

	public ObjectExistsException(String message, Throwable cause) {
		super(message, cause);
	}

}
