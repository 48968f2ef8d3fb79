package dev.bucketwarden.local.faults;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Tag;

import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.aws.S3Buckets;
import dev.bucketwarden.local.junit.S3MockExtension;
import dev.bucketwarden.local.s3events.S3EventRelay;
import dev.bucketwarden.local.s3mock.S3MockServer;
import dev.bucketwarden.local.samples.Samples;
import dev.bucketwarden.local.support.AwsEmulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proxy where the chaos run puts it for S3: in front of the S3 event relay, whose
 * answers (the JDK's HTTP server) are framed differently from S3Mock's.
 */
@ExtendWith(S3MockExtension.class)
class FaultProxyRelayIntegrationTests {

	@Test
	void shouldPassTheAgentsS3CallsThroughTheRelayAndInjectFaultsIntoThem(S3MockServer s3mock) {
		String bucket = "bucket-" + UUID.randomUUID();
		byte[] object = Samples.random(5 << 20, 5);
		try (S3Client direct = AwsClients.s3(s3mock)) {
			S3Buckets.createVersioned(direct, bucket);
		}
		try (S3EventRelay relay = S3EventRelay.start(s3mock.endpoint(), (event) -> {
		}, AwsEmulator.REGION);
				FaultProxy proxy = FaultProxy.start("s3", relay.endpoint(), Duration.ofSeconds(5), null);
				S3Client s3 = ProxiedClients.s3(proxy.endpoint(), true, Duration.ofSeconds(2))) {
			String version = s3.putObject((put) -> put.bucket(bucket).key("a.bin"), RequestBody.fromBytes(object))
				.versionId();
			proxy.arm("s3:GetObject", FaultKind.RESET_MID_BODY, 1);
			proxy.arm("s3:HeadObject", FaultKind.SLOW_DOWN_503, 1);
			proxy.arm("s3:PutObjectTagging", FaultKind.DELAY_PAST_TIMEOUT, 1);
			proxy.arm("s3:CopyObject", FaultKind.INTERNAL_ERROR_500, 1);

			assertThat(s3.getObjectAsBytes((get) -> get.bucket(bucket).key("a.bin").versionId(version)).asByteArray())
				.isEqualTo(object);
			assertThat(s3.headObject((head) -> head.bucket(bucket).key("a.bin")).contentLength())
				.isEqualTo(object.length);
			s3.putObjectTagging((put) -> put.bucket(bucket)
				.key("a.bin")
				.versionId(version)
				.tagging((tagging) -> tagging.tagSet(Tag.builder().key("scan-result").value("Clean").build())));
			s3.copyObject((copy) -> copy.sourceBucket(bucket)
				.sourceKey("a.bin")
				.sourceVersionId(version)
				.destinationBucket(bucket)
				.destinationKey("copy.bin"));

			assertThat(s3.getObjectTagging((get) -> get.bucket(bucket).key("a.bin").versionId(version)).tagSet())
				.extracting(Tag::value)
				.containsExactly("Clean");
			assertThat(s3.getObjectAsBytes((get) -> get.bucket(bucket).key("copy.bin")).asByteArray())
				.isEqualTo(object);
			assertThat(proxy.injected()).extracting(InjectedFault::kind)
				.containsExactly(FaultKind.RESET_MID_BODY, FaultKind.SLOW_DOWN_503, FaultKind.DELAY_PAST_TIMEOUT,
						FaultKind.INTERNAL_ERROR_500);
			assertThat(proxy.pending()).isZero();
		}
	}

}
