package dev.bucketwarden.local.s3events;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.junit.S3MockExtension;
import dev.bucketwarden.local.s3mock.S3MockServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Two regions' relays in front of one S3Mock: each bucket's location is the region it was
 * created in, whichever relay is asked, and a write through a region's relay raises its
 * event in that region, into that region's scan topic.
 */
@ExtendWith(S3MockExtension.class)
class BucketLocationIntegrationTests {

	private static final List<String> eastEvents = new CopyOnWriteArrayList<>();

	private static final List<String> westEvents = new CopyOnWriteArrayList<>();

	private static S3EventRelay east;

	private static S3EventRelay west;

	private static S3Client eastClient;

	private static S3Client westClient;

	private static S3Client direct;

	@BeforeAll
	static void start(S3MockServer s3mock) {
		BucketRegions regions = new BucketRegions("us-east-1");
		east = S3EventRelay.start(s3mock.endpoint(), eastEvents::add, QueueDirectory.NONE, "us-east-1", regions);
		west = S3EventRelay.start(s3mock.endpoint(), westEvents::add, QueueDirectory.NONE, "us-west-2", regions);
		eastClient = AwsClients.s3(east.endpoint());
		westClient = AwsClients.s3Builder(west.endpoint()).region(Region.US_WEST_2).build();
		direct = AwsClients.s3(s3mock);
	}

	@AfterAll
	static void stop() {
		eastClient.close();
		westClient.close();
		direct.close();
		east.close();
		west.close();
	}

	@Test
	void shouldAnswerTheRegionABucketWasCreatedInThroughEitherRelay() {
		String inWest = "west-" + UUID.randomUUID();
		String constrained = "eu-" + UUID.randomUUID();
		String inS3Mock = "home-" + UUID.randomUUID();
		westClient.createBucket((r) -> r.bucket(inWest));
		eastClient.createBucket((r) -> r.bucket(constrained)
			.createBucketConfiguration((c) -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1)));
		direct.createBucket((r) -> r.bucket(inS3Mock));

		assertThat(eastClient.getBucketLocation((r) -> r.bucket(inWest)).locationConstraintAsString())
			.isEqualTo("us-west-2");
		assertThat(westClient.getBucketLocation((r) -> r.bucket(inWest)).locationConstraintAsString())
			.isEqualTo("us-west-2");
		assertThat(eastClient.getBucketLocation((r) -> r.bucket(constrained)).locationConstraintAsString())
			.isEqualTo("eu-west-1");
		assertThat(eastClient.getBucketLocation((r) -> r.bucket(inS3Mock)).locationConstraintAsString())
			.as("us-east-1 as S3 says it")
			.isEmpty();
		assertThatExceptionOfType(NoSuchBucketException.class)
			.isThrownBy(() -> eastClient.getBucketLocation((r) -> r.bucket("missing-" + UUID.randomUUID())));
	}

	@Test
	void shouldForgetTheRegionOfADeletedBucket() {
		String bucket = "gone-" + UUID.randomUUID();
		westClient.createBucket((r) -> r.bucket(bucket));
		westClient.deleteBucket((r) -> r.bucket(bucket));
		direct.createBucket((r) -> r.bucket(bucket));

		assertThat(east.regions().of(bucket)).isEqualTo("us-east-1");
	}

	@Test
	void shouldRaiseAWriteThroughARegionsRelayInThatRegion() {
		String bucket = "events-" + UUID.randomUUID();
		westClient.createBucket((r) -> r.bucket(bucket));
		west.protect(bucket);
		east.protect(bucket);

		westClient.putObject((r) -> r.bucket(bucket).key("a.txt"), RequestBody.fromString("a"));

		await().until(() -> westEvents.stream().anyMatch((event) -> event.contains(bucket)));
		assertThat(westEvents.stream().filter((event) -> event.contains(bucket)))
			.allSatisfy((event) -> assertThat(event).contains("us-west-2"));
		assertThat(eastEvents).noneMatch((event) -> event.contains(bucket));
	}

}
