package dev.bucketwarden.apiagent.scan;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UploadKeysTests {

	@Test
	void shouldAcceptOrdinaryKeys() {
		assertThat(UploadKeys.refusal("docs/clean file.bin")).isNull();
		assertThat(UploadKeys.refusal("a..b/c.d/é.txt")).isNull();
		assertThat(UploadKeys.refusal("x".repeat(1024))).isNull();
	}

	@Test
	void shouldRefuseDotSegments() {
		assertThat(UploadKeys.refusal("../etc/passwd")).contains("'..' segment");
		assertThat(UploadKeys.refusal("a/../b")).contains("'..' segment");
		assertThat(UploadKeys.refusal("a/..")).contains("'..' segment");
		assertThat(UploadKeys.refusal("a/./b")).contains("'.' segment");
		assertThat(UploadKeys.refusal("a\\..\\b")).contains("'..' segment");
	}

	@Test
	void shouldRefuseALeadingSlashAndEmptySegments() {
		assertThat(UploadKeys.refusal("/a")).contains("starts with '/'");
		assertThat(UploadKeys.refusal("a//b")).contains("empty segment");
		assertThat(UploadKeys.refusal("a/")).contains("empty segment");
		assertThat(UploadKeys.refusal("")).contains("empty");
	}

	@Test
	void shouldRefuseControlCharacters() {
		assertThat(UploadKeys.refusal("a\r\nb")).contains("U+000D");
		assertThat(UploadKeys.refusal("a\nb")).contains("U+000A");
		assertThat(UploadKeys.refusal("a\u007fb")).contains("U+007F");
		assertThat(UploadKeys.refusal("a\u0000b")).contains("U+0000");
		assertThat(UploadKeys.refusal("a\u0085b")).contains("U+0085");
	}

	@Test
	void shouldRefuseKeysOver1024BytesOfUtf8() {
		// 513 two-byte characters: 513 characters, 1026 bytes.
		assertThat(UploadKeys.refusal("é".repeat(513))).contains("1026 bytes");
		assertThat(UploadKeys.refusal("x".repeat(1025))).contains("1025 bytes");
	}

}
