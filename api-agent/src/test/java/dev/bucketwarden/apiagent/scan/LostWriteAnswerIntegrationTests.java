package dev.bucketwarden.apiagent.scan;

import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import dev.bucketwarden.agent.storage.ObjectStore;
import dev.bucketwarden.agent.storage.StorageException;
import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.junit.S3MockExtension;
import dev.bucketwarden.local.s3mock.S3MockServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A write S3 stored although the agent saw it fail (the connection reset, or the attempt
 * timed out, after S3 had written it): the chaos run's PutObject faults. The upload is
 * stored, so it is answered as stored: not as a 409 when the SDK's retry meets our own
 * object, nor as a failure the caller would retry into a 409. A write that S3 never saw
 * still fails.
 */
@ExtendWith(S3MockExtension.class)
class LostWriteAnswerIntegrationTests {

	private static final String BUCKET = "lost-answers";

	private static S3Client s3;

	private static S3MockServer s3mock;

	@TempDir
	Path dir;

	@BeforeAll
	static void bucket(S3MockServer server) {
		s3mock = server;
		s3 = AwsClients.s3(server);
		s3.createBucket((request) -> request.bucket(BUCKET));
	}

	@Test
	void shouldAnswerStoredWhenTheSdksRetryMeetsOurOwnWrite() throws Exception {
		FailPut lost = FailPut.afterS3Answered();
		ConditionalUpload upload = upload(AwsClients.s3Builder(s3mock.endpoint())
			.overrideConfiguration((config) -> config.addExecutionInterceptor(lost)));

		ScanResponse.Stored stored = upload.put(BUCKET, "retried.txt", file("ours"), "text/plain", Map.of(), Map.of(),
				false);

		assertThat(lost.failed()).isEqualTo(1);
		assertThat(stored.key()).isEqualTo("retried.txt");
		assertThat(s3.getObjectAsBytes((r) -> r.bucket(BUCKET).key("retried.txt")).asUtf8String()).isEqualTo("ours");
	}

	@Test
	void shouldAnswerStoredWhenTheOnlyAttemptLostItsAnswer() throws Exception {
		FailPut lost = FailPut.afterS3Answered();
		ConditionalUpload upload = upload(AwsClients.s3Builder(s3mock.endpoint())
			.overrideConfiguration(
					(config) -> config.addExecutionInterceptor(lost).retryStrategy(AwsRetryStrategy.doNotRetry())));

		ScanResponse.Stored stored = upload.put(BUCKET, "once.txt", file("ours"), "text/plain", Map.of(), Map.of(),
				false);

		assertThat(lost.failed()).isEqualTo(1);
		assertThat(stored.eTag()).isNotBlank();
		assertThat(s3.getObjectAsBytes((r) -> r.bucket(BUCKET).key("once.txt")).asUtf8String()).isEqualTo("ours");
	}

	@Test
	void shouldStillFailAWriteThatS3NeverSaw() throws Exception {
		FailPut never = FailPut.beforeSending();
		ConditionalUpload upload = upload(AwsClients.s3Builder(s3mock.endpoint())
			.overrideConfiguration(
					(config) -> config.addExecutionInterceptor(never).retryStrategy(AwsRetryStrategy.doNotRetry())));

		assertThatExceptionOfType(StorageException.class)
			.isThrownBy(() -> upload.put(BUCKET, "never.txt", file("ours"), "text/plain", Map.of(), Map.of(), false));
		assertThat(s3.listObjectsV2((r) -> r.bucket(BUCKET).prefix("never.txt")).contents()).isEmpty();
	}

	@Test
	void shouldStillRefuseAKeyThatSomeoneElseHolds() throws Exception {
		s3.putObject((r) -> r.bucket(BUCKET).key("theirs.txt"), RequestBody.fromString("theirs"));
		ConditionalUpload upload = upload(AwsClients.s3Builder(s3mock.endpoint()));

		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> upload.put(BUCKET, "theirs.txt", file("ours"), "text/plain", Map.of(), Map.of(), false))
			.satisfies((ex) -> assertThat(ex.status().value()).isEqualTo(409));
		assertThat(s3.getObjectAsBytes((r) -> r.bucket(BUCKET).key("theirs.txt")).asUtf8String()).isEqualTo("theirs");
	}

	private static ConditionalUpload upload(S3ClientBuilder builder) {
		return new ConditionalUpload(new ObjectStore(builder.build(), 5L << 30, 5L << 20));
	}

	private Path file(String content) throws Exception {
		return Files.writeString(Files.createTempFile(this.dir, "upload", ".txt"), content);
	}

	/**
	 * Fails the first PutObject as a reset connection would: before or after S3 saw it.
	 */
	private static final class FailPut implements ExecutionInterceptor {

		private final boolean afterS3Answered;

		private final AtomicInteger failed = new AtomicInteger();

		private FailPut(boolean afterS3Answered) {
			this.afterS3Answered = afterS3Answered;
		}

		static FailPut afterS3Answered() {
			return new FailPut(true);
		}

		static FailPut beforeSending() {
			return new FailPut(false);
		}

		int failed() {
			return this.failed.get();
		}

		@Override
		public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
			if (!this.afterS3Answered) {
				failFirstPut(context.request());
			}
		}

		@Override
		public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
			if (this.afterS3Answered) {
				failFirstPut(context.request());
			}
		}

		private void failFirstPut(Object request) {
			if (request instanceof PutObjectRequest && this.failed.compareAndSet(0, 1)) {
				throw SdkClientException.create("Connection reset (test)", new SocketException("Connection reset"));
			}
		}

	}

}
