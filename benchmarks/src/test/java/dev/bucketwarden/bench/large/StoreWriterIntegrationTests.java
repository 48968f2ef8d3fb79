package dev.bucketwarden.bench.large;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import dev.bucketwarden.bench.support.S3MockLayout;
import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.s3mock.S3MockOptions;
import dev.bucketwarden.local.s3mock.S3MockServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class StoreWriterIntegrationTests {

	/** Three periods and a part: random runs, zero runs, and a trailing hole. */
	private static final long SIZE = 3L * SparseContent.PERIOD + SparseContent.RANDOM_RUN + 4_321;

	/** EICAR inside the second zero run: written although the run around it is a hole. */
	private static final long EICAR_AT = SparseContent.PERIOD + SparseContent.RANDOM_RUN + 1_000;

	@Test
	void shouldWriteAnObjectS3MockServesWithItsBytesSizeAndMd5ETag(@TempDir Path dir)
			throws IOException, NoSuchAlgorithmException {
		SparseContent content = new SparseContent(SIZE, 11, EICAR_AT);
		Path root = dir.resolve("s3mock").resolve("root");

		StoreWriter.Written written = StoreWriter.write(root, "seeded-0", "backups/big.bin", content, 0);

		String md5;
		try (InputStream whole = content.open(0, SIZE)) {
			md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(whole.readAllBytes()));
		}
		assertThat(written.eTag()).isEqualTo(md5);
		assertThat(written.stored()).as("the random runs and the run EICAR is in, not the zeros")
			.isEqualTo(4L * SparseContent.RANDOM_RUN + SparseContent.ZERO_RUN);
		try (S3MockServer s3mock = S3MockServer.start(S3MockOptions.in(dir.resolve("s3mock")));
				S3Client s3 = AwsClients.s3(s3mock)) {
			HeadObjectResponse head = s3.headObject((request) -> request.bucket("seeded-0").key("backups/big.bin"));
			assertThat(head.contentLength()).isEqualTo(SIZE);
			assertThat(head.eTag()).isEqualTo("\"" + md5 + "\"");
			long[][] ranges = { { 0, 4096 }, { EICAR_AT - 100, EICAR_AT + 200 },
					{ SparseContent.RANDOM_RUN - 10, SparseContent.PERIOD + 10 }, { SIZE - 5_000, SIZE } };
			for (long[] range : ranges) {
				byte[] served = s3
					.getObjectAsBytes((request) -> request.bucket("seeded-0")
						.key("backups/big.bin")
						.range("bytes=" + range[0] + "-" + (range[1] - 1))
						.ifMatch(head.eTag()))
					.asByteArray();
				try (InputStream expected = content.open(range[0], range[1])) {
					assertThat(served).isEqualTo(expected.readAllBytes());
				}
			}
		}
	}

	@Test
	void shouldStopAndDeleteTheFileWhenTheDiskWouldFallUnderWhatIsKeptFree(@TempDir Path dir) throws IOException {
		SparseContent content = new SparseContent(SIZE, 11, -1);
		Path root = dir.resolve("root");

		assertThatIllegalStateException()
			.isThrownBy(() -> StoreWriter.write(root, "seeded-0", "big.bin", content, Long.MAX_VALUE))
			.withMessageContaining("Stopped writing the object");

		try (var files = Files.walk(root)) {
			assertThat(files.filter((path) -> path.endsWith(S3MockLayout.BINARY_DATA))).isEmpty();
		}
	}

}
