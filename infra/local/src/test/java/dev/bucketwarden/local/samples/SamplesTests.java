package dev.bucketwarden.local.samples;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SamplesTests {

	@Test
	void shouldAssembleTheStandardEicarFile() throws NoSuchAlgorithmException {
		byte[] eicar = Samples.eicar();

		assertThat(eicar).hasSize(68);
		assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(eicar)))
			.isEqualTo("44d88612fea8a8f36de82e1278abb02f");
	}

	@Test
	void shouldWriteAZipWhoseEntriesAreMarkedEncrypted() throws IOException {
		byte[] zip = Samples.encryptedZip(Map.of("secret.txt", "attack at dawn".getBytes()), "pw");

		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			// java.util.zip recognises the encryption flag and refuses the entry.
			assertThatThrownBy(in::getNextEntry).hasMessageContaining("encrypted");
		}
		assertThat(new String(zip)).doesNotContain("attack at dawn");
	}

	@Test
	void shouldNestZipsToTheRequestedDepth() throws IOException {
		byte[] nested = Samples.nestedZip(Samples.eicar(), 3);

		byte[] current = nested;
		for (int level = 0; level < 3; level++) {
			try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(current))) {
				in.getNextEntry();
				current = in.readAllBytes();
			}
		}
		assertThat(current).isEqualTo(Samples.eicar());
	}

	@Test
	void shouldPutTheMarkerAtTheVeryEnd() {
		byte[] bytes = Samples.randomWithMarkerAtEnd(4096, 1);

		assertThat(new String(bytes, bytes.length - Samples.MARKER.length(), Samples.MARKER.length()))
			.isEqualTo(Samples.MARKER);
		assertThat(Samples.random(4096, 1)).isNotEqualTo(Samples.random(4096, 2));
	}

}
