package dev.bucketwarden.retro.ebs;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot could not be taken, found, awaited or tagged (EC2 refused or failed, the
 * snapshot went to {@code error}, it did not complete in time): the job ends FAILED.
 */
public class SnapshotException extends RuntimeException {

	public SnapshotException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
