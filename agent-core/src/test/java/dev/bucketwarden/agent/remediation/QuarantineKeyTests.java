package dev.bucketwarden.agent.remediation;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuarantineKeyTests {

	@Test
	void shouldKeepSourceBucketAndKeyWhenTheyFit() {
		QuarantineKey key = QuarantineKey.of("uploads", "in/eicar.com");

		assertThat(key.key()).isEqualTo("uploads/in/eicar.com");
		assertThat(key.shortened()).isFalse();
	}

	@Test
	void shouldShortenAKeyOfTheFullS3LengthAndSayWhereItCameFrom() {
		String source = "a/" + "k".repeat(1022);

		QuarantineKey key = QuarantineKey.of("uploads", source);

		assertThat(QuarantineKey.utf8Length(key.key())).isLessThanOrEqualTo(QuarantineKey.S3_MAX_KEY_BYTES);
		assertThat(key.key()).startsWith("uploads/a/kkk").matches(".*~[0-9a-f]{64}");
		assertThat(key.sourceMetadata()).containsEntry(QuarantineKey.SOURCE_BUCKET, "uploads");
		assertThat(new String(Base64.getUrlDecoder().decode(key.sourceMetadata().get(QuarantineKey.SOURCE_KEY)),
				StandardCharsets.UTF_8))
			.isEqualTo(source);
	}

	@Test
	void shouldGiveTwoLongKeysWithTheSamePrefixTwoPlaces() {
		String prefix = "p".repeat(1000);

		assertThat(QuarantineKey.of("uploads", prefix + "-one").key())
			.isNotEqualTo(QuarantineKey.of("uploads", prefix + "-two").key());
	}

	@Test
	void shouldNotCutAMultiByteCharacterInHalf() {
		String source = "日本語".repeat(341) + "x";

		String key = QuarantineKey.of("uploads", source).key();

		assertThat(QuarantineKey.utf8Length(key)).isLessThanOrEqualTo(QuarantineKey.S3_MAX_KEY_BYTES);
		assertThat(new String(key.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(key);
		assertThat(key).doesNotContain("\uFFFD");
	}

	/**
	 * The hostile-input corpus' 1024-byte key of two-byte characters: its copy request
	 * (target key, source key and the source key's Base64 in the metadata) passed S3's 8
	 * KB of headers, so the quarantine failed on every attempt.
	 */
	@Test
	void shouldLeaveRoomInTheCopyRequestForALongMultiByteKey() {
		String source = "keys/" + "é".repeat(509) + "x";

		QuarantineKey key = QuarantineKey.of("uploads", source);

		assertThat(key.shortened()).isTrue();
		int copyHeaders = QuarantineKey.encodedLength(key.key()) + QuarantineKey.encodedLength("uploads/" + source)
				+ key.sourceMetadata().values().stream().mapToInt(String::length).sum();
		// What is left is for the signing and SDK headers, a session token among them.
		assertThat(copyHeaders).isLessThanOrEqualTo(6 * 1024);
		assertThat(key.key()).startsWith("uploads/keys/éé").matches(".*~[0-9a-f]{64}");
	}

	@Test
	void shouldShortenAKeyThatFitsInBytesButNotOnceEncoded() {
		assertThat(QuarantineKey.of("uploads", "é".repeat(300)).shortened()).isFalse();
		assertThat(QuarantineKey.of("uploads", "é".repeat(400)).shortened()).isTrue();
	}

}
