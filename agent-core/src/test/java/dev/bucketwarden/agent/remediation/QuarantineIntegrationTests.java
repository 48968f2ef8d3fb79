package dev.bucketwarden.agent.remediation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import dev.bucketwarden.agent.storage.ObjectInfo;
import dev.bucketwarden.agent.storage.ObjectStore;
import dev.bucketwarden.agent.storage.StorageException;
import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.aws.S3Buckets;
import dev.bucketwarden.local.faults.FaultKind;
import dev.bucketwarden.local.faults.FaultProxy;
import dev.bucketwarden.local.junit.S3MockExtension;
import dev.bucketwarden.local.s3mock.S3MockServer;
import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.tags.TaggingStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A quarantine whose delete of the original failed after the copy was made (found by the
 * chaos run: S3 answered 500 to every attempt of the DeleteObject) is finished by the
 * message's retry without a second copy.
 */
@ExtendWith(S3MockExtension.class)
class QuarantineIntegrationTests {

	private static int run;

	private S3Client s3;

	private String bucket;

	private String quarantine;

	@BeforeEach
	void buckets(S3MockServer s3mock) {
		run++;
		this.bucket = "quarantine-source-" + run;
		this.quarantine = "quarantine-target-" + run;
		this.s3 = AwsClients.s3(s3mock);
		this.s3.createBucket((request) -> request.bucket(this.bucket));
		S3Buckets.createVersioned(this.s3, this.quarantine);
	}

	@Test
	void shouldNotCopyAgainWhenTheRetryFindsTheEarlierAttemptsCopy(S3MockServer s3mock) {
		ObjectInfo infected = put("in/eicar.bin", "infected content of the test");
		try (FaultProxy proxy = FaultProxy.start("s3", s3mock.endpoint(), Duration.ofSeconds(3), null);
				S3Client proxied = AwsClients.s3(proxy.endpoint())) {
			Quarantine quarantine = new Quarantine(new ObjectStore(proxied, 5L << 20, 5L << 20));
			// More failures than the SDK's attempts: the first attempt ends after its
			// copy.
			proxy.arm("s3:DeleteObject", FaultKind.INTERNAL_ERROR_500, 10);
			assertThatExceptionOfType(StorageException.class)
				.isThrownBy(() -> quarantine.move(record(infected), infected, this.quarantine));
			proxy.disarm();

			ScanRecord moved = quarantine.move(record(infected), infected, this.quarantine);

			assertThat(moved.remediation()).isEqualTo(RemediationState.QUARANTINED);
		}
		String key = QuarantineKey.of(this.bucket, "in/eicar.bin").key();
		assertThat(this.s3.listObjectVersions((request) -> request.bucket(this.quarantine).prefix(key)).versions())
			.hasSize(1);
		assertThat(this.s3.listObjectsV2((request) -> request.bucket(this.bucket)).contents()).isEmpty();
	}

	@Test
	void shouldCopyWhenTheQuarantineHoldsOtherContentUnderTheKey() {
		ObjectInfo first = put("in/eicar.bin", "the first infected content");
		Quarantine quarantine = new Quarantine(new ObjectStore(this.s3, 5L << 20, 5L << 20));
		quarantine.move(record(first), first, this.quarantine);
		ObjectInfo second = put("in/eicar.bin", "other infected content, same key");

		quarantine.move(record(second), second, this.quarantine);

		String key = QuarantineKey.of(this.bucket, "in/eicar.bin").key();
		assertThat(this.s3.listObjectVersions((request) -> request.bucket(this.quarantine).prefix(key)).versions())
			.hasSize(2);
	}

	private ObjectInfo put(String key, String content) {
		// Tagged as the pipeline leaves it before remediation.
		this.s3.putObject((request) -> request.bucket(this.bucket).key(key).tagging("scan-result=Infected"),
				RequestBody.fromString(content));
		return new ObjectStore(this.s3, 5L << 20, 5L << 20).head(this.bucket, key, null).orElseThrow();
	}

	private static ScanRecord record(ObjectInfo object) {
		return new ScanRecord("id-" + object.eTag(), object.bucket(), object.key(), object.versionId(), object.eTag(),
				object.size(), ResultStatus.INFECTED, "Eicar", null, List.of("Eicar"), List.of(), Instant.now(),
				Duration.ZERO, TaggingStatus.TAGGED, RemediationState.PENDING, null, false, ScanSource.EVENT);
	}

}
