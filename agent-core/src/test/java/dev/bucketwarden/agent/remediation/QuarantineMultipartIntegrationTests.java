package dev.bucketwarden.agent.remediation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.UploadPartCopyRequest;

import dev.bucketwarden.agent.storage.ObjectChangedException;
import dev.bucketwarden.agent.storage.ObjectInfo;
import dev.bucketwarden.agent.storage.ObjectStore;
import dev.bucketwarden.agent.storage.StorageException;
import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.aws.S3Buckets;
import dev.bucketwarden.local.junit.S3MockExtension;
import dev.bucketwarden.local.s3mock.S3MockServer;
import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.results.ScanSource;
import dev.bucketwarden.store.tags.TaggingStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Quarantine at size, on S3Mock with the multipart threshold and part size forced down to
 * 5 MiB (5 GB and 512 MiB in production): the copy of a version over the threshold is
 * made part by part, each part pinned to the version and its ETag
 * ({@code x-amz-copy-source-if-match}); it is the original byte for byte with its tags,
 * and it is verified before the original is deleted. The S3 client sees every request, so
 * that the source can be changed between two parts.
 */
@ExtendWith(S3MockExtension.class)
class QuarantineMultipartIntegrationTests {

	private static final long PART = 5L << 20;

	private static int run;

	private final List<UploadPartCopyRequest> partCopies = new CopyOnWriteArrayList<>();

	private volatile Consumer<UploadPartCopyRequest> beforePart = (part) -> {
	};

	private volatile boolean dropLastPart;

	private S3Client s3;

	private S3Client watched;

	private String bucket;

	private String quarantine;

	@BeforeEach
	void buckets(S3MockServer s3mock) {
		run++;
		this.bucket = "large-source-" + run;
		this.quarantine = "large-quarantine-" + run;
		this.s3 = AwsClients.s3(s3mock);
		S3Buckets.createVersioned(this.s3, this.quarantine);
		this.watched = AwsClients.s3Builder(s3mock.endpoint())
			.overrideConfiguration((config) -> config.addExecutionInterceptor(new Watch()))
			.build();
	}

	@AfterEach
	void close() {
		this.watched.close();
	}

	@Test
	void shouldCopyALargeVersionPartByPartPinnedToItThenDeleteIt() {
		S3Buckets.createVersioned(this.s3, this.bucket);
		byte[] content = random((int) (2 * PART + 123_457));
		ObjectInfo infected = put("media/disk.img", content);
		// An upload lands between two parts: the copy stays with the scanned version.
		this.beforePart = (part) -> {
			if (part.partNumber() == 2) {
				this.s3.putObject((request) -> request.bucket(this.bucket).key("media/disk.img"),
						RequestBody.fromString("a newer upload"));
			}
		};

		ScanRecord moved = new Quarantine(new ObjectStore(this.watched, PART, PART)).move(record(infected), infected,
				this.quarantine);

		assertThat(this.partCopies).hasSize(3).allSatisfy((part) -> {
			assertThat(part.copySourceIfMatch()).isEqualTo("\"" + infected.eTag() + "\"");
			// The SDK writes the version into the copy source.
			assertThat(part.copySource()).endsWith("?versionId=" + infected.versionId());
		});
		assertThat(this.partCopies).extracting(UploadPartCopyRequest::copySourceRange)
			.containsExactly("bytes=0-" + (PART - 1), "bytes=" + PART + "-" + (2 * PART - 1),
					"bytes=" + 2 * PART + "-" + (content.length - 1));
		String key = QuarantineKey.of(this.bucket, "media/disk.img").key();
		assertThat(moved.remediation()).isEqualTo(RemediationState.QUARANTINED);
		assertThat(moved.quarantineLocation()).startsWith("s3://" + this.quarantine + "/" + key);
		assertThat(this.s3.getObjectAsBytes((request) -> request.bucket(this.quarantine).key(key)).asByteArray())
			.isEqualTo(content);
		assertThat(this.s3.getObjectTagging((request) -> request.bucket(this.quarantine).key(key)).tagSet())
			.extracting(Tag::key, Tag::value)
			.contains(tuple("scan-result", "Infected"));
		assertThat(this.s3.headObject((request) -> request.bucket(this.quarantine).key(key)).eTag()).endsWith("-3\"");
		List<ObjectVersion> left = this.s3.listObjectVersions((request) -> request.bucket(this.bucket)).versions();
		assertThat(left).extracting(ObjectVersion::versionId)
			.as("the scanned version is deleted, the newer upload is not")
			.hasSize(1)
			.doesNotContain(infected.versionId());
	}

	@Test
	void shouldNeitherCopyNorDeleteWhenTheUnversionedObjectChangesDuringTheCopy() {
		this.s3.createBucket((request) -> request.bucket(this.bucket));
		ObjectInfo infected = put("media/disk.img", random((int) (2 * PART + 10)));
		this.beforePart = (part) -> {
			if (part.partNumber() == 2) {
				this.s3.putObject((request) -> request.bucket(this.bucket).key("media/disk.img"),
						RequestBody.fromString("a newer upload"));
			}
		};
		Quarantine quarantine = new Quarantine(new ObjectStore(this.watched, PART, PART));

		// 412 on the second part: the pipeline records what changed under it as
		// superseded.
		assertThatExceptionOfType(ObjectChangedException.class)
			.isThrownBy(() -> quarantine.move(record(infected), infected, this.quarantine));

		assertThat(this.partCopies).hasSize(2);
		assertThat(this.s3.listObjectVersions((request) -> request.bucket(this.quarantine)).versions()).isEmpty();
		assertThat(this.s3.listMultipartUploads((request) -> request.bucket(this.quarantine)).uploads())
			.as("the unfinished copy is aborted")
			.isEmpty();
		assertThat(
				this.s3.getObjectAsBytes((request) -> request.bucket(this.bucket).key("media/disk.img")).asUtf8String())
			.isEqualTo("a newer upload");
	}

	@Test
	void shouldKeepTheOriginalWhenTheCopyDoesNotMatchIt() {
		S3Buckets.createVersioned(this.s3, this.bucket);
		ObjectInfo infected = put("media/disk.img", random((int) (2 * PART + 10)));
		this.dropLastPart = true;
		Quarantine quarantine = new Quarantine(new ObjectStore(this.watched, PART, PART));

		assertThatExceptionOfType(StorageException.class)
			.isThrownBy(() -> quarantine.move(record(infected), infected, this.quarantine))
			.withMessageContaining("does not match the original");

		assertThat(this.s3
			.headObject((request) -> request.bucket(this.bucket).key("media/disk.img").versionId(infected.versionId()))
			.contentLength()).isEqualTo(infected.size());
	}

	private ObjectInfo put(String key, byte[] content) {
		// Tagged as the pipeline leaves it before remediation.
		this.s3.putObject((request) -> request.bucket(this.bucket)
			.key(key)
			.contentType("application/octet-stream")
			.metadata(Map.of("owner", "backup-job"))
			.tagging("scan-result=Infected"), RequestBody.fromBytes(content));
		return new ObjectStore(this.s3, PART, PART).head(this.bucket, key, null).orElseThrow();
	}

	private static byte[] random(int size) {
		byte[] content = new byte[size];
		new Random(size).nextBytes(content);
		return content;
	}

	private static ScanRecord record(ObjectInfo object) {
		return new ScanRecord("id-" + object.eTag(), object.bucket(), object.key(), object.versionId(), object.eTag(),
				object.size(), ResultStatus.INFECTED, "Eicar", null, List.of("Eicar"), List.of(), Instant.now(),
				Duration.ZERO, TaggingStatus.TAGGED, RemediationState.PENDING, null, false, ScanSource.EVENT);
	}

	/** Sees each part copy before it is sent; drops the last part from the completion. */
	private final class Watch implements ExecutionInterceptor {

		@Override
		public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
			if (context.request() instanceof UploadPartCopyRequest part) {
				QuarantineMultipartIntegrationTests.this.partCopies.add(part);
				QuarantineMultipartIntegrationTests.this.beforePart.accept(part);
			}
		}

		@Override
		public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
			if (QuarantineMultipartIntegrationTests.this.dropLastPart
					&& context.request() instanceof CompleteMultipartUploadRequest complete) {
				var parts = complete.multipartUpload().parts();
				return complete.toBuilder()
					.multipartUpload(
							CompletedMultipartUpload.builder().parts(parts.subList(0, parts.size() - 1)).build())
					.build();
			}
			return context.request();
		}

	}

}
