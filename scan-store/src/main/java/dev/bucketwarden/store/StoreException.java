package dev.bucketwarden.store;

/**
 * The data store could not be read or written (DynamoDB down, throttled beyond the SDK's
 * retries, a table missing). Unchecked: a caller either retries the whole unit of work
 * (the pipeline leaves the message unacknowledged) or answers 503; it never reads the
 * failure as "no record".
 */
public class StoreException extends RuntimeException {

	public StoreException(String message, Throwable cause) {
		super(message, cause);
	}

}
