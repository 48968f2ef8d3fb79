package dev.bucketwarden.apiagent.scan;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UploadKeyPolicyTests {

	@Test
	void shouldAcceptOrdinaryKeys() {
		assertThat(UploadKeyPolicy.refusal("docs/clean file.bin")).isNull();
		assertThat(UploadKeyPolicy.refusal("a..b/c.d/é.txt")).isNull();
		assertThat(UploadKeyPolicy.refusal("x".repeat(1024))).isNull();
	}

	@Test
	void shouldRefuseDotSegments() {
		assertThat(UploadKeyPolicy.refusal("../etc/passwd")).contains("'..' segment");
		assertThat(UploadKeyPolicy.refusal("a/../b")).contains("'..' segment");
		assertThat(UploadKeyPolicy.refusal("a/..")).contains("'..' segment");
		assertThat(UploadKeyPolicy.refusal("a/./b")).contains("'.' segment");
		assertThat(UploadKeyPolicy.refusal("a\\..\\b")).contains("'..' segment");
	}

	@Test
	void shouldRefuseALeadingSlashAndEmptySegments() {
		assertThat(UploadKeyPolicy.refusal("/a")).contains("starts with '/'");
		assertThat(UploadKeyPolicy.refusal("a//b")).contains("empty segment");
		assertThat(UploadKeyPolicy.refusal("a/")).contains("empty segment");
		assertThat(UploadKeyPolicy.refusal("")).contains("empty");
	}

	@Test
	void shouldRefuseControlCharacters() {
		assertThat(UploadKeyPolicy.refusal("a\r\nb")).contains("U+000D");
		assertThat(UploadKeyPolicy.refusal("a\nb")).contains("U+000A");
		assertThat(UploadKeyPolicy.refusal("a\u007fb")).contains("U+007F");
		assertThat(UploadKeyPolicy.refusal("a\u0000b")).contains("U+0000");
		assertThat(UploadKeyPolicy.refusal("a\u0085b")).contains("U+0085");
	}

	@Test
	void shouldRefuseKeysOver1024BytesOfUtf8() {
		// 513 two-byte characters: 513 characters, 1026 bytes.
		assertThat(UploadKeyPolicy.refusal("é".repeat(513))).contains("1026 bytes");
		assertThat(UploadKeyPolicy.refusal("x".repeat(1025))).contains("1025 bytes");
	}

}
