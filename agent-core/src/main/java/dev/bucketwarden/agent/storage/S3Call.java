package dev.bucketwarden.agent.storage;

import java.util.function.Supplier;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * One S3 request, with S3's errors sorted into "access denied" (final), "gone or
 * overwritten" and "try again" (retryable), and the names every message of this package
 * uses for an object.
 */
final class S3Call {

	private S3Call() {
	}

	static <T> T call(String description, Supplier<T> operation) {
		try {
			return operation.get();
		}
		catch (SdkException ex) {
			throw translate(description, ex);
		}
	}

	static RuntimeException translate(String description, SdkException ex) {
		if (ex instanceof S3Exception s3 && s3.statusCode() == 403) {
			return new StorageAccessDeniedException(description + " was denied: " + s3.getMessage(), ex);
		}
		if (ex instanceof S3Exception s3 && (s3.statusCode() == 404 || s3.statusCode() == 412)) {
			return new ObjectChangedException(
					description + ": the object is gone or was overwritten (" + s3.statusCode() + ")", ex);
		}
		return new StorageException(description + " failed: " + ex.getMessage(), ex);
	}

	static String describe(ObjectInfo object) {
		return describe(object.bucket(), object.key(), object.versionId());
	}

	static String describe(String bucket, String key, String versionId) {
		return "s3://" + bucket + "/" + key + ((versionId != null) ? "?versionId=" + versionId : "");
	}

	static String unquote(String eTag) {
		return (eTag != null) ? eTag.replace("\"", "") : null;
	}

	static String quote(String eTag) {
		return (eTag != null) ? "\"" + eTag + "\"" : null;
	}

}
