package dev.bucketwarden.agent.large;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Tar headers as far as member boundaries need them. */
class TarHeaderTests {

	@Test
	void shouldReadAnOctalSize() {
		TarHeader header = TarHeader.parse(TarBuilder.header("dir/file.bin", 123_456, '0'));

		assertThat(header).isEqualTo(new TarHeader("dir/file.bin", 123_456, '0'));
		assertThat(header.content()).isTrue();
	}

	@Test
	void shouldReadAGnuBase256SizeOverEightGibibytes() {
		byte[] block = TarBuilder.header("disk.img", 0, '0');
		long size = 10L << 30;
		for (int i = 0; i < 12; i++) {
			block[124 + i] = 0;
		}
		block[124] = (byte) 0x80;
		for (int i = 0; i < 8; i++) {
			block[135 - i] = (byte) (size >>> (8 * i));
		}
		checksum(block);

		assertThat(TarHeader.parse(block).size()).isEqualTo(size);
	}

	@Test
	void shouldRefuseAHeaderWithAWrongChecksum() {
		byte[] block = TarBuilder.header("file.bin", 10, '0');
		block[0] = 'g';

		assertThatIllegalArgumentException().isThrownBy(() -> TarHeader.parse(block));
		assertThat(TarHeader.looksLikeTar(block, block.length)).isFalse();
	}

	@Test
	void shouldTellMetadataFromContent() {
		assertThat(TarHeader.parse(TarBuilder.header("././@LongLink", 300, 'L')).content()).isFalse();
		assertThat(TarHeader.parse(TarBuilder.header("dir/", 0, '5')).content()).isFalse();
		assertThat(TarHeader.padding(512)).isZero();
		assertThat(TarHeader.padding(513)).isEqualTo(511);
	}

	private static void checksum(byte[] block) {
		for (int i = 148; i < 156; i++) {
			block[i] = ' ';
		}
		long sum = 0;
		for (byte b : block) {
			sum += b & 0xFF;
		}
		byte[] octal = String.format("%06o", sum).getBytes();
		System.arraycopy(octal, 0, block, 148, octal.length);
		block[154] = 0;
	}

}
