package dev.bucketwarden.agent.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.aws.S3Buckets;
import dev.bucketwarden.local.faults.FaultKind;
import dev.bucketwarden.local.faults.FaultProxy;
import dev.bucketwarden.local.junit.S3MockExtension;
import dev.bucketwarden.local.s3mock.S3MockServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Copies and uploads on S3Mock on both sides of the multipart threshold (5 MiB here, 5 GB
 * in production): the copy or the upload is the same object, with its metadata and our
 * tags, whichever way it went.
 * <p>
 * Tag values here need no URL encoding: S3 decodes the tagging header of PutObject and
 * CreateMultipartUpload, S3Mock keeps it as sent ({@code clamav%3AClean}).
 */
@ExtendWith(S3MockExtension.class)
class ObjectStoreIntegrationTests {

	private static final long PART_SIZE = 5L << 20;

	private static int run;

	private S3Client s3;

	private ObjectStore store;

	private String bucket;

	private String target;

	@BeforeEach
	void store(S3MockServer s3mock) {
		run++;
		this.bucket = "store-" + run;
		this.target = "store-target-" + run;
		this.s3 = AwsClients.s3(s3mock);
		S3Buckets.createVersioned(this.s3, this.bucket);
		S3Buckets.createVersioned(this.s3, this.target);
		this.store = new ObjectStore(this.s3, PART_SIZE, PART_SIZE);
	}

	@Test
	void shouldCopyASmallVersionInOneRequestWithItsMetadata() {
		byte[] content = content(1024);
		ObjectInfo source = put("small.bin", content);

		ObjectInfo copy = this.store.copy(source, this.target, "copies/small.bin", Map.of("scan-result", "Infected"),
				Map.of("bucketwarden-source-bucket", this.bucket));

		assertCopied(source, copy, content);
	}

	@Test
	void shouldCopyOnceWhenTheAnswerIsLostAfterTheCopyWasMade(S3MockServer s3mock) {
		byte[] content = content(1024);
		ObjectInfo source = put("lost.bin", content);
		try (FaultProxy proxy = FaultProxy.start("s3", s3mock.endpoint(), Duration.ofSeconds(3), null);
				S3Client proxied = AwsClients.s3(proxy.endpoint())) {
			// S3Mock makes the copy; the connection is reset while its answer comes back.
			proxy.arm("s3:CopyObject", FaultKind.RESET_MID_BODY, 1);
			ObjectStore store = new ObjectStore(proxied, PART_SIZE, PART_SIZE);

			ObjectInfo copy = store.copy(source, this.target, "copies/lost.bin", Map.of("scan-result", "Infected"),
					Map.of("bucketwarden-source-bucket", this.bucket));

			assertThat(proxy.injected()).hasSize(1);
			assertCopied(source, copy, content);
			assertThat(this.s3.listObjectVersions((request) -> request.bucket(this.target).prefix("copies/lost.bin"))
				.versions()).hasSize(1);
		}
	}

	@Test
	void shouldCopyALargeVersionPartByPartWithItsMetadata() {
		byte[] content = content((int) (2 * PART_SIZE + 1024));
		ObjectInfo source = put("large.bin", content);

		ObjectInfo copy = this.store.copy(source, this.target, "copies/large.bin", Map.of("scan-result", "Infected"),
				Map.of("bucketwarden-source-bucket", this.bucket));

		assertCopied(source, copy, content);
	}

	@Test
	void shouldUploadASmallFileInOneRequestWithItsTags(@TempDir Path directory) throws IOException {
		byte[] content = content(1024);
		Path file = Files.write(directory.resolve("spooled"), content);

		ObjectInfo stored = this.store.upload(this.bucket, "uploaded/small.bin", file, "application/octet-stream",
				Map.of("origin", "test"), Map.of("scan-result", "Clean", "scan-engines", "clamav"), false);

		assertUploaded(stored, content, "clamav");
	}

	@Test
	void shouldUploadALargeFilePartByPartWithItsTags(@TempDir Path directory) throws IOException {
		byte[] content = content((int) (2 * PART_SIZE + 1024));
		Path file = Files.write(directory.resolve("spooled"), content);

		ObjectInfo stored = this.store.upload(this.bucket, "uploaded/large.bin", file, "application/octet-stream",
				Map.of("origin", "test"), Map.of("scan-result", "Clean", "scan-engines", "clamav"), false);

		assertUploaded(stored, content, "clamav");
	}

	@Test
	void shouldNotReplaceAnExistingObjectUnlessAskedTo(@TempDir Path directory) throws IOException {
		Path file = Files.write(directory.resolve("spooled"), content(512));
		this.s3.putObject((request) -> request.bucket(this.bucket).key("uploaded/taken.bin"),
				RequestBody.fromString("theirs"));

		assertThatExceptionOfType(ObjectExistsException.class).isThrownBy(() -> this.store.upload(this.bucket,
				"uploaded/taken.bin", file, "application/octet-stream", Map.of(), Map.of(), false));
		assertThat(this.s3.getObjectAsBytes((request) -> request.bucket(this.bucket).key("uploaded/taken.bin"))
			.asUtf8String()).isEqualTo("theirs");

		this.store.upload(this.bucket, "uploaded/taken.bin", file, "application/octet-stream", Map.of(), Map.of(),
				true);
		assertThat(this.s3.getObjectAsBytes((request) -> request.bucket(this.bucket).key("uploaded/taken.bin"))
			.asByteArray()).isEqualTo(content(512));
	}

	private void assertUploaded(ObjectInfo stored, byte[] content, String engines) {
		assertThat(stored.size()).isEqualTo(content.length);
		assertThat(stored.contentType()).isEqualTo("application/octet-stream");
		assertThat(this.store.tags(stored)).containsOnly(Map.entry("scan-result", "Clean"),
				Map.entry("scan-engines", engines));
		assertThat(read(stored)).isEqualTo(content);
		// What the write answered is what S3 keeps: no HEAD after the upload.
		HeadObjectResponse head = this.s3.headObject((request) -> request.bucket(stored.bucket()).key(stored.key()));
		assertThat(head.metadata()).containsEntry("origin", "test");
		assertThat(stored.eTag()).isEqualTo(head.eTag().replace("\"", ""));
		assertThat(stored.versionId()).isEqualTo(head.versionId());
	}

	private void assertCopied(ObjectInfo source, ObjectInfo copy, byte[] content) {
		assertThat(copy.bucket()).isEqualTo(this.target);
		assertThat(copy.size()).isEqualTo(source.size());
		assertThat(copy.contentType()).isEqualTo("application/x-test");
		assertThat(this.store.tags(copy)).containsOnly(Map.entry("scan-result", "Infected"));
		HeadObjectResponse head = this.s3
			.headObject((request) -> request.bucket(copy.bucket()).key(copy.key()).versionId(copy.versionId()));
		assertThat(head.metadata()).containsEntry("owner", "tests")
			.containsEntry("bucketwarden-source-bucket", this.bucket);
		assertThat(read(copy)).isEqualTo(content);
	}

	private ObjectInfo put(String key, byte[] content) {
		this.s3.putObject((request) -> request.bucket(this.bucket)
			.key(key)
			.contentType("application/x-test")
			.metadata(Map.of("owner", "tests")), RequestBody.fromBytes(content));
		return this.store.head(this.bucket, key, null).orElseThrow();
	}

	private byte[] read(ObjectInfo object) {
		try (var in = this.store.open(object)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] content(int size) {
		byte[] content = new byte[size];
		new Random(size).nextBytes(content);
		return content;
	}

}
