package dev.bucketwarden.agent.storage;

/**
 * The object was deleted or overwritten between HEAD and a later step. The scanned
 * version is no longer what the key holds: the new content gets its own event and scan.
 */
public class ObjectChangedException extends RuntimeException {

	public ObjectChangedException(String message, Throwable cause) {
		super(message, cause);
	}

}
