package dev.bucketwarden.apiagent.scan;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ContentTypePolicyTests {

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D',
			'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0 };

	@TempDir
	Path dir;

	@Test
	void shouldStoreTheDetectedTypeWhenTheClaimDisagrees() throws Exception {
		ContentTypePolicy.Decision decision = ContentTypePolicy.decide(file(PNG), "text/html");

		assertThat(decision.stored()).isEqualTo("image/png");
		assertThat(decision.claimed()).isEqualTo("text/html");
	}

	@Test
	void shouldKeepAClaimThatAgrees() throws Exception {
		assertThat(ContentTypePolicy.decide(file(PNG), "image/png"))
			.isEqualTo(new ContentTypePolicy.Decision("image/png", null));
		assertThat(ContentTypePolicy.decide(file("%PDF-1.7\n1 0 obj".getBytes(StandardCharsets.US_ASCII)),
				"application/pdf"))
			.isEqualTo(new ContentTypePolicy.Decision("application/pdf", null));
	}

	@Test
	void shouldKeepAMoreSpecificClaimOfAPassiveType() throws Exception {
		assertThat(ContentTypePolicy.decide(file("{\"a\": 1}".getBytes(StandardCharsets.US_ASCII)), "application/json")
			.claimed()).isNull();
	}

	@Test
	void shouldNotLetUnknownContentClaimToBeHtml() throws Exception {
		ContentTypePolicy.Decision decision = ContentTypePolicy.decide(file(new byte[] { 1, 2, 3, (byte) 0xff, 0 }),
				"text/html; charset=utf-8");

		assertThat(decision.stored()).isEqualTo("application/octet-stream");
		assertThat(decision.claimed()).isEqualTo("text/html; charset=utf-8");
	}

	@Test
	void shouldStoreTheDetectedTypeWithoutAClaim() throws Exception {
		assertThat(ContentTypePolicy.decide(file(PNG), null))
			.isEqualTo(new ContentTypePolicy.Decision("image/png", null));
	}

	private Path file(byte[] content) throws Exception {
		return Files.write(Files.createTempFile(this.dir, "content", ".bin"), content);
	}

}
