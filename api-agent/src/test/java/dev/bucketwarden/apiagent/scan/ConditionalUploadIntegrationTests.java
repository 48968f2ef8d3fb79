package dev.bucketwarden.apiagent.scan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.http.HttpStatus;

import dev.bucketwarden.agent.storage.ObjectStore;
import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.s3mock.S3MockOptions;
import dev.bucketwarden.local.s3mock.S3MockServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * S3 itself refuses to replace an object created after the API's HEAD: the write is
 * conditional ({@code If-None-Match: *}). One PUT only: S3Mock refuses a conditional
 * multipart completion too, but its abort of the refused upload then deletes the existing
 * object, which S3 does not.
 */
class ConditionalUploadIntegrationTests {

	private static final String BUCKET = "conditional";

	@TempDir
	Path dir;

	@Test
	void shouldNotReplaceAnObjectThatAppearedAfterTheCheck() throws Exception {
		try (S3MockServer s3mock = S3MockServer
			.start(S3MockOptions.in(this.dir.resolve("s3mock")).withBuckets(BUCKET))) {
			S3Client s3 = AwsClients.s3(s3mock);
			Path file = Files.write(this.dir.resolve("upload.bin"), "ours".getBytes());
			for (long threshold : new long[] { 5L << 30 }) {
				ConditionalUpload upload = new ConditionalUpload(new ObjectStore(s3, threshold, 5L << 20));
				String key = "raced-" + threshold;
				s3.putObject((r) -> r.bucket(BUCKET).key(key), RequestBody.fromString("theirs"));

				assertThatExceptionOfType(ApiException.class)
					.isThrownBy(() -> upload.put(BUCKET, key, file, "text/plain", Map.of(), Map.of(), false))
					.satisfies((ex) -> assertThat(ex.status()).isEqualTo(HttpStatus.CONFLICT));
				assertThat(s3.listObjectsV2((r) -> r.bucket(BUCKET).prefix(key)).contents())
					.as("threshold %d", threshold)
					.isNotEmpty();
				assertThat(s3.getObjectAsBytes((r) -> r.bucket(BUCKET).key(key)).asUtf8String()).isEqualTo("theirs");

				upload.put(BUCKET, key, file, "text/plain", Map.of(), Map.of(), true);
				assertThat(s3.getObjectAsBytes((r) -> r.bucket(BUCKET).key(key)).asUtf8String()).isEqualTo("ours");
			}
		}
	}

}
