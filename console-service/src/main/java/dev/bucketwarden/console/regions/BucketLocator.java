package dev.bucketwarden.console.regions;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import dev.bucketwarden.console.web.AwsUnavailableException;

/**
 * Which region a bucket is in: ListBuckets says it ({@code BucketRegion}) where S3 gives
 * it, else GetBucketLocation through the console's client (any region's client may ask;
 * an empty location is us-east-1, {@code EU} the legacy name of eu-west-1). A bucket's
 * region never changes, but a listing asks once per bucket and keeps nothing after.
 */
public final class BucketLocator {

	private static final Logger logger = LoggerFactory.getLogger(BucketLocator.class);

	private final S3Client s3;

	public BucketLocator(S3Client s3) {
		this.s3 = s3;
	}

	/** The lookups of one listing: each bucket is asked about once. */
	public Listing listing() {
		return new Listing();
	}

	/**
	 * The bucket's region, or empty when it does not exist.
	 * @throws IllegalStateException when S3 refuses to say
	 * @throws AwsUnavailableException when S3 cannot be reached
	 */
	public Optional<String> locate(String bucket) {
		try {
			String constraint = this.s3.getBucketLocation((request) -> request.bucket(bucket))
				.locationConstraintAsString();
			return Optional.of(region(constraint));
		}
		catch (NoSuchBucketException ex) {
			return Optional.empty();
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 404) {
				return Optional.empty();
			}
			throw new IllegalStateException("S3 did not let BucketWarden read the region of bucket " + bucket + " ("
					+ ex.getMessage() + "): the console's role needs s3:GetBucketLocation on it", ex);
		}
		catch (SdkClientException ex) {
			throw new AwsUnavailableException(
					"S3 could not be reached for the region of bucket " + bucket + ": " + ex.getMessage(), ex);
		}
	}

	/** GetBucketLocation's answer as a region name. */
	static String region(@Nullable String constraint) {
		if (constraint == null || constraint.isBlank() || constraint.equals("null")) {
			return "us-east-1";
		}
		return constraint.equals("EU") ? "eu-west-1" : constraint;
	}

	/** One listing's lookups. */
	public final class Listing {

		private final Map<String, Optional<String>> known = new HashMap<>();

		private Listing() {
		}

		/**
		 * The listed bucket's region, or {@code null} when S3 would not say (shown as
		 * unknown; protecting it asks again).
		 */
		public @Nullable String regionOf(Bucket bucket) {
			if (bucket.bucketRegion() != null && !bucket.bucketRegion().isBlank()) {
				return bucket.bucketRegion();
			}
			return regionOf(bucket.name());
		}

		public @Nullable String regionOf(String bucket) {
			Optional<String> region = this.known.get(bucket);
			if (region == null) {
				try {
					region = locate(bucket);
				}
				catch (IllegalStateException | AwsUnavailableException ex) {
					logger.warn("The region of bucket {} is unknown: {}", bucket, ex.getMessage());
					region = Optional.empty();
				}
				this.known.put(bucket, region);
			}
			return region.orElse(null);
		}

	}

}
