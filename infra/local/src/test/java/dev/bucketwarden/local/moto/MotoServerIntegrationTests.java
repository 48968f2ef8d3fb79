package dev.bucketwarden.local.moto;

import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import dev.bucketwarden.local.ListeningSockets;
import dev.bucketwarden.local.aws.AwsClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * moto's server through the AWS SDK: it listens on loopback only, serves the bucket
 * policy API S3Mock lacks, forgets everything on reset, and stops by PID.
 */
class MotoServerIntegrationTests {

	@TempDir
	Path workDir;

	@Test
	void shouldServeBucketPoliciesOnLoopbackAndStopByPid() {
		ProcessHandle process;
		try (MotoServer moto = MotoServer.start(MotoOptions.in(this.workDir)); S3Client s3 = AwsClients.s3(moto)) {
			process = ProcessHandle.of(moto.pid()).orElseThrow();
			assertThat(ListeningSockets.of(moto.pid())).isNotEmpty()
				.allSatisfy((address) -> assertThat(address.getAddress().getHostAddress()).isEqualTo("127.0.0.1"));
			String bucket = "policies-" + UUID.randomUUID();
			String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Other\",\"Effect\":\"Deny\","
					+ "\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket
					+ "/*\"}]}";
			s3.createBucket((r) -> r.bucket(bucket));
			assertThatExceptionOfType(S3Exception.class).isThrownBy(() -> s3.getBucketPolicy((r) -> r.bucket(bucket)))
				.satisfies((ex) -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("NoSuchBucketPolicy"));

			s3.putBucketPolicy((r) -> r.bucket(bucket).policy(policy));

			assertThat(s3.getBucketPolicy((r) -> r.bucket(bucket)).policy()).isEqualTo(policy);
			moto.reset();
			assertThat(s3.listBuckets().buckets()).isEmpty();
		}
		assertThat(process.isAlive()).isFalse();
	}

}
