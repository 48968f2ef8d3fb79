package dev.bucketwarden.console.regions;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Each region's S3 client and topic, and the regions without agents. */
class ConsoleRegionsTests {

	private final List<String> built = new ArrayList<>();

	@Test
	void shouldUseTheConsolesClientAndTopicForItsOwnRegionAndBuildEachFurtherRegionsOnce() {
		try (S3Client home = S3Client.builder().region(Region.US_EAST_1).build()) {
			ConsoleRegions regions = regions(home);

			assertThat(regions.s3("us-east-1")).isSameAs(home);
			assertThat(regions.notificationTarget("us-east-1")).isEqualTo("arn:aws:sns:us-east-1:1:scan");
			S3Client west = regions.s3("us-west-2");
			assertThat(west).isNotSameAs(home).isSameAs(regions.s3("us-west-2"));
			assertThat(this.built).containsExactly("us-west-2");
			assertThat(regions.notificationTarget("us-west-2")).isEqualTo("arn:aws:sns:us-west-2:1:scan");
			assertThat(regions.names()).containsExactly("us-east-1", "us-west-2");
			assertThat(regions.recorded("us-east-1")).as("as every bucket protected before regions").isNull();
			assertThat(regions.recorded("us-west-2")).isEqualTo("us-west-2");
			regions.close();
		}
	}

	@Test
	void shouldRefuseARegionWithoutAgents() {
		try (S3Client home = S3Client.builder().region(Region.US_EAST_1).build()) {
			ConsoleRegions regions = regions(home);

			assertThat(regions.hasAgents("eu-central-1")).isFalse();
			assertThat(regions.notificationTarget("eu-central-1")).isNull();
			assertThatIllegalStateException().isThrownBy(() -> regions.s3("eu-central-1"))
				.withMessage("no agents in region eu-central-1: add it to agentRegions and deploy");
		}
	}

	@Test
	void shouldRefuseARegionNamedTwice() {
		RegionsProperties.Region west = new RegionsProperties.Region("us-west-2", null, null, null, null, null);

		assertThatIllegalArgumentException().isThrownBy(() -> new RegionsProperties("us-east-1", List.of(west, west)));
		assertThatIllegalArgumentException().isThrownBy(() -> new RegionsProperties("us-west-2", List.of(west)));
		try (S3Client home = S3Client.builder().region(Region.US_WEST_2).build()) {
			assertThatIllegalArgumentException().as("the console's AWS region, the default")
				.isThrownBy(() -> new ConsoleRegions("us-west-2", null, home, List.of(west), (r) -> home));
		}
	}

	@Test
	void shouldReadGetBucketLocationsAnswerAsARegion() {
		assertThat(BucketLocator.region("")).isEqualTo("us-east-1");
		assertThat(BucketLocator.region(null)).isEqualTo("us-east-1");
		assertThat(BucketLocator.region("EU")).isEqualTo("eu-west-1");
		assertThat(BucketLocator.region("us-west-2")).isEqualTo("us-west-2");
	}

	private ConsoleRegions regions(S3Client home) {
		return new ConsoleRegions("us-east-1", "arn:aws:sns:us-east-1:1:scan", home, List
			.of(new RegionsProperties.Region("us-west-2", "arn:aws:sns:us-west-2:1:scan", null, null, null, null)),
				(region) -> {
					this.built.add(region.name());
					return S3Client.builder().region(Region.of(region.name())).build();
				});
	}

}
