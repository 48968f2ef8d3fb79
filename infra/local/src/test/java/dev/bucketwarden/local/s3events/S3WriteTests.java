package dev.bucketwarden.local.s3events;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class S3WriteTests {

	@Test
	void shouldRecogniseObjectCreatingRequests() {
		assertThat(S3Write.of("PUT", URI.create("/uploads/a/b%20c+d.txt"), false))
			.contains(new S3Write("uploads", "a/b c+d.txt", "ObjectCreated:Put"));
		assertThat(S3Write.of("PUT", URI.create("/uploads/copy.txt"), true))
			.contains(new S3Write("uploads", "copy.txt", "ObjectCreated:Copy"));
		assertThat(S3Write.of("POST", URI.create("/uploads/big.bin?uploadId=abc"), false))
			.contains(new S3Write("uploads", "big.bin", "ObjectCreated:CompleteMultipartUpload"));
	}

	@Test
	void shouldIgnoreRequestsThatCreateNoObject() {
		assertThat(S3Write.of("PUT", URI.create("/uploads"), false)).isEmpty();
		assertThat(S3Write.of("PUT", URI.create("/uploads/a.txt?tagging"), false)).isEmpty();
		assertThat(S3Write.of("PUT", URI.create("/uploads/a.txt?partNumber=1&uploadId=abc"), false)).isEmpty();
		assertThat(S3Write.of("POST", URI.create("/uploads/big.bin?uploads"), false)).isEmpty();
		assertThat(S3Write.of("GET", URI.create("/uploads/a.txt"), false)).isEmpty();
		assertThat(S3Write.of("DELETE", URI.create("/uploads/a.txt"), false)).isEmpty();
	}

	@Test
	void shouldEncodeKeysAsS3EventsDo() {
		assertThat(S3EventNotifications.encodeKey("dir/sub dir/Q4 report (1)+x.pdf"))
			.isEqualTo("dir/sub+dir/Q4+report+%281%29%2Bx.pdf");
		assertThat(S3EventNotifications.encodeKey("résumé/日本.txt"))
			.isEqualTo("r%C3%A9sum%C3%A9/%E6%97%A5%E6%9C%AC.txt");
	}

}
