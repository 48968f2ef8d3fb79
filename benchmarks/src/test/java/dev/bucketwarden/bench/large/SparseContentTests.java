package dev.bucketwarden.bench.large;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SparseContentTests {

	private static final int SIZE = 3 * SparseContent.PERIOD + 12_345;

	@Test
	void shouldMakeTheSameBytesForAnyRangeAsForTheWhole() throws IOException {
		SparseContent content = new SparseContent(SIZE, 7, -1);
		byte[] whole = read(content, 0, SIZE);
		long[][] ranges = { { 0, 1 }, { SparseContent.RANDOM_RUN - 10, SparseContent.RANDOM_RUN + 10 },
				{ 12_345, 2 * SparseContent.PERIOD + 99 }, { SIZE - 5_000, SIZE } };
		for (long[] range : ranges) {
			assertThat(read(content, range[0], range[1]))
				.isEqualTo(Arrays.copyOfRange(whole, (int) range[0], (int) range[1]));
		}
	}

	@Test
	void shouldAlternateRandomRunsWithRunsOfZeros() throws IOException {
		byte[] whole = read(new SparseContent(SIZE, 7, -1), 0, SIZE);
		byte[] zeros = Arrays.copyOfRange(whole, SparseContent.RANDOM_RUN, SparseContent.PERIOD);
		assertThat(zeros).containsOnly((byte) 0);
		byte[] random = Arrays.copyOfRange(whole, SparseContent.PERIOD,
				SparseContent.PERIOD + SparseContent.RANDOM_RUN);
		long nonZero = 0;
		for (byte b : random) {
			nonZero += (b != 0) ? 1 : 0;
		}
		assertThat(nonZero).isGreaterThan(SparseContent.RANDOM_RUN * 99L / 100);
		assertThat(Arrays.copyOfRange(whole, 0, 4096)).isNotEqualTo(Arrays.copyOfRange(random, 0, 4096));
	}

	@Test
	void shouldTellARangeOfZerosOnlyWhenItHoldsNoRandomByteAndNoEicar() throws IOException {
		SparseContent content = new SparseContent(SIZE, 7, -1);
		long zeroRun = SparseContent.RANDOM_RUN;
		assertThat(content.zeros(zeroRun, SparseContent.PERIOD)).isTrue();
		assertThat(content.zeros(zeroRun - 1, SparseContent.PERIOD)).isFalse();
		assertThat(content.zeros(zeroRun, SparseContent.PERIOD + 1)).isFalse();
		assertThat(content.zeros(0, 100)).isFalse();
		assertThat(read(content, zeroRun, SparseContent.PERIOD)).containsOnly((byte) 0);
		SparseContent infected = new SparseContent(SIZE, 7, zeroRun + 500);
		assertThat(infected.zeros(zeroRun, zeroRun + 500)).isTrue();
		assertThat(infected.zeros(zeroRun, zeroRun + 501)).isFalse();
		assertThat(infected.zeros(zeroRun + 500 + SparseContent.EICAR.length - 1, SparseContent.PERIOD)).isFalse();
		assertThat(infected.zeros(zeroRun + 500 + SparseContent.EICAR.length, SparseContent.PERIOD)).isTrue();
	}

	@Test
	void shouldMakeOtherBytesFromAnotherSeed() throws IOException {
		assertThat(read(new SparseContent(SIZE, 8, -1), 0, 4096))
			.isNotEqualTo(read(new SparseContent(SIZE, 7, -1), 0, 4096));
	}

	@Test
	void shouldWriteEicarOverTheBytesAtItsOffsetAcrossReads() throws IOException {
		long at = SparseContent.RANDOM_RUN - 30;
		SparseContent content = new SparseContent(SIZE, 7, at);
		byte[] bytes = new byte[SparseContent.EICAR.length];
		try (InputStream in = content.open(at, at + bytes.length)) {
			// in two reads, split inside EICAR
			int first = in.read(bytes, 0, 20);
			in.readNBytes(bytes, first, bytes.length - first);
		}
		assertThat(bytes).isEqualTo(SparseContent.EICAR);
		assertThat(content.holdsEicar(0, at + bytes.length)).isTrue();
		assertThat(content.holdsEicar(at + 1, SIZE)).isFalse();
		byte[] clean = read(new SparseContent(SIZE, 7, -1), 0, SIZE);
		byte[] infected = read(content, 0, SIZE);
		Arrays.fill(infected, (int) at, (int) at + bytes.length, (byte) 0);
		Arrays.fill(clean, (int) at, (int) at + bytes.length, (byte) 0);
		assertThat(infected).isEqualTo(clean);
	}

	private static byte[] read(SparseContent content, long start, long end) throws IOException {
		try (InputStream in = content.open(start, end)) {
			byte[] bytes = in.readAllBytes();
			assertThat(bytes).hasSize((int) (end - start));
			return bytes;
		}
	}

}
