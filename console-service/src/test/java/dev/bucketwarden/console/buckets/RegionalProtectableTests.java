package dev.bucketwarden.console.buckets;

import java.util.List;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import dev.bucketwarden.console.regions.ConsoleRegions;
import dev.bucketwarden.console.regions.RegionsProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each region's stack covers its own buckets: a name one region allows is no bucket the
 * other may protect, and a region entry without a list takes the console's.
 */
class RegionalProtectableTests {

	@Test
	void shouldAllowABucketOnlyInARegionThatCoversIt() {
		try (S3Client s3 = S3Client.builder().region(Region.US_EAST_1).build()) {
			ConsoleRegions regions = new ConsoleRegions("us-east-1", null, s3,
					List.of(new RegionsProperties.Region("us-west-2", null, null, null, null, List.of("acme-west-*")),
							new RegionsProperties.Region("eu-west-1", null, null, null, null, null)),
					(region) -> s3);
			RegionalProtectable protectable = new RegionalProtectable(ProtectableBuckets.of(List.of("acme-*")),
					regions);

			assertThat(protectable.allows("acme-uploads", "us-east-1")).isTrue();
			assertThat(protectable.allows("acme-uploads", "us-west-2")).as("outside the region's own list").isFalse();
			assertThat(protectable.allows("acme-west-media", "us-west-2")).isTrue();
			assertThat(protectable.allows("acme-uploads", "eu-west-1")).as("no list: the console's").isTrue();
			assertThat(protectable.allows("acme-uploads", "ap-south-1")).as("no agents there").isFalse();
			assertThat(protectable.allowsAnywhere("other-bucket")).isFalse();
			assertThat(protectable.refusal("acme-uploads", "us-west-2"))
				.isEqualTo("bucket acme-uploads (region us-west-2) is outside that region's protectedBuckets"
						+ " (patterns acme-west-*): add it to the region's entry and deploy");
		}
	}

	@Test
	void shouldAllowAnyBucketWhereNoRegionLimitsThem() {
		try (S3Client s3 = S3Client.builder().region(Region.US_EAST_1).build()) {
			ConsoleRegions regions = new ConsoleRegions("us-east-1", null, s3,
					List.of(new RegionsProperties.Region("us-west-2", null, null, null, null, null)), (region) -> s3);
			RegionalProtectable protectable = new RegionalProtectable(ProtectableBuckets.of(null), regions);

			assertThat(protectable.allowsAnywhere("anything")).isTrue();
			assertThat(protectable.allows("anything", "us-west-2")).isTrue();
		}
	}

}
