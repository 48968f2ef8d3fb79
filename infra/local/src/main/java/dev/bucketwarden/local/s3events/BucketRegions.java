package dev.bucketwarden.local.s3events;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which region each bucket was created in, shared by the S3 event relays of one local
 * stack (one per region, all in front of the same S3Mock, which keeps no bucket region):
 * a bucket belongs to the region of the relay it was created through, or to the region
 * its CreateBucket request named. Buckets the relays did not see created (made in S3Mock
 * directly, or before the relays started) belong to the home region.
 */
public final class BucketRegions {

	private final String home;

	private final Map<String, String> regions = new ConcurrentHashMap<>();

	/**
	 * @param home the region of buckets no relay saw created
	 */
	public BucketRegions(String home) {
		this.home = home;
	}

	public String home() {
		return this.home;
	}

	/** Records the bucket's region (a bucket created, or made in a region for a test). */
	public void put(String bucket, String region) {
		this.regions.put(bucket, region);
	}

	/** The bucket's region; the home region for a bucket no relay saw created. */
	public String of(String bucket) {
		return Optional.ofNullable(this.regions.get(bucket)).orElse(this.home);
	}

	void forget(String bucket) {
		this.regions.remove(bucket);
	}

}
