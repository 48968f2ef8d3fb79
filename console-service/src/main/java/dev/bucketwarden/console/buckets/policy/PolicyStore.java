package dev.bucketwarden.console.buckets.policy;

import java.util.Optional;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import dev.bucketwarden.console.web.AwsUnavailableException;

/**
 * Reads and writes a bucket's policy (GetBucketPolicy, PutBucketPolicy). What S3 refuses
 * is a {@link PolicyRefusedException} with S3's words and, for AccessDenied, the
 * permission the console's role lacks; an S3 it cannot reach a
 * {@link AwsUnavailableException} (503).
 */
class PolicyStore {

	private final S3Client s3;

	PolicyStore(S3Client s3) {
		this.s3 = s3;
	}

	/** The policy's text, or empty when the bucket has none. */
	Optional<String> read(String bucket) {
		try {
			return Optional.of(this.s3.getBucketPolicy((request) -> request.bucket(bucket)).policy());
		}
		catch (S3Exception ex) {
			if ("NoSuchBucketPolicy".equals(code(ex))) {
				return Optional.empty();
			}
			throw refused("read the bucket policy of", "s3:GetBucketPolicy", bucket, ex);
		}
		catch (SdkClientException ex) {
			throw unreachable(bucket, ex);
		}
	}

	void write(String bucket, String policy) {
		try {
			this.s3.putBucketPolicy((request) -> request.bucket(bucket).policy(policy));
		}
		catch (S3Exception ex) {
			throw refused("change the bucket policy of", "s3:PutBucketPolicy", bucket, ex);
		}
		catch (SdkClientException ex) {
			throw unreachable(bucket, ex);
		}
	}

	private static PolicyRefusedException refused(String what, String permission, String bucket, S3Exception ex) {
		String message = "S3 did not let BucketWarden " + what + " bucket " + bucket + " (" + reason(ex) + ")";
		if ("AccessDenied".equals(code(ex)) || ex.statusCode() == 403) {
			message += ": the console's role needs " + permission + " on it, which infra/aws grants"
					+ " for the buckets its protectedBuckets name or match (a bucket of another account"
					+ " needs its owner to apply the statements)";
		}
		return new PolicyRefusedException(message, ex);
	}

	private static String code(S3Exception ex) {
		return (ex.awsErrorDetails() != null) ? ex.awsErrorDetails().errorCode() : null;
	}

	private static String reason(S3Exception ex) {
		return (ex.awsErrorDetails() != null && ex.awsErrorDetails().errorMessage() != null)
				? ex.awsErrorDetails().errorCode() + ": " + ex.awsErrorDetails().errorMessage() : ex.getMessage();
	}

	private static AwsUnavailableException unreachable(String bucket, SdkClientException ex) {
		return new AwsUnavailableException(
				"S3 could not be reached for the bucket policy of " + bucket + ": " + ex.getMessage(), ex);
	}

}
