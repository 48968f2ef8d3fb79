package dev.bucketwarden.console.web;

/**
 * An AWS service the console calls directly (S3 for buckets and their policies, ECS to
 * start a retro agent) could not be reached. Answered 503 like a data store failure; kept
 * apart from the data store's own exception because it is not the store that failed.
 */
public class AwsUnavailableException extends RuntimeException {

	public AwsUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
