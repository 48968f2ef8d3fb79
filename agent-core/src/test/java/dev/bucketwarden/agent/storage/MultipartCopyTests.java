package dev.bucketwarden.agent.storage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The part size of a multipart copy keeps every object S3 can hold within S3's 10,000
 * parts: the default 512 MiB alone would cut a 5 TiB object into 10,240.
 */
class MultipartCopyTests {

	private static final long MIB = 1L << 20;

	private static final long DEFAULT = 512 * MIB;

	/** S3's largest object. */
	private static final long FIVE_TIB = 5L << 40;

	@Test
	void shouldKeepTheLargestObjectWithinTenThousandParts() {
		long partSize = MultipartCopy.partSize(DEFAULT, FIVE_TIB);

		assertThat(Math.ceilDiv(FIVE_TIB, partSize)).isLessThanOrEqualTo(MultipartCopy.MAX_PARTS);
		assertThat(partSize).isEqualTo(525 * MIB).isLessThanOrEqualTo(MultipartCopy.MAX_PART_SIZE);
	}

	@Test
	void shouldKeepTheConfiguredSizeWhereItFits() {
		assertThat(MultipartCopy.partSize(DEFAULT, 6L << 30)).isEqualTo(DEFAULT);
		assertThat(MultipartCopy.partSize(DEFAULT, MultipartCopy.MAX_PARTS * DEFAULT)).isEqualTo(DEFAULT);
		assertThat(MultipartCopy.partSize(DEFAULT, MultipartCopy.MAX_PARTS * DEFAULT + 1)).isEqualTo(DEFAULT + MIB);
		assertThat(MultipartCopy.partSize(5 * MIB, 11 * MIB)).isEqualTo(5 * MIB);
	}

	@Test
	void shouldRefuseWhatNoPartSizeCanCopy() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> MultipartCopy.partSize(DEFAULT, MultipartCopy.MAX_PARTS * MultipartCopy.MAX_PART_SIZE + 1));
	}

}
