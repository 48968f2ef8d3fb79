package dev.bucketwarden.bench.large;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LargeOptionsTests {

	@Test
	void shouldScanTwentyGibibytesWithTwoWorkersAndOneKillByDefault() {
		LargeOptions options = LargeOptions.parse(new String[0]);
		assertThat(options.size()).isEqualTo(20L << 30);
		assertThat(options.window()).isEqualTo(256L << 20);
		assertThat(options.overlap()).isEqualTo(1L << 20);
		assertThat(options.workers()).isEqualTo(2);
		assertThat(options.killAt()).isEqualTo(0.5);
		assertThat(options.agentHeap()).isEqualTo("256m");
		assertThat(options.eicarOffset()).isEqualTo(-1);
		assertThat(options.multipart()).as("written into S3Mock's store, one copy on disk").isFalse();
		assertThat(LargeOptions.parse(new String[] { "--multipart" }).multipart()).isTrue();
	}

	@Test
	void shouldReadSizesAsBinaryUnits() {
		LargeOptions options = LargeOptions
			.parse(new String[] { "--size", "2GiB", "--window", "8MB", "--overlap", "64K", "--kill-at", "0.25" });
		assertThat(options.size()).isEqualTo(2L << 30);
		assertThat(options.window()).isEqualTo(8L << 20);
		assertThat(options.overlap()).isEqualTo(64L << 10);
		assertThat(options.killAt()).isEqualTo(0.25);
		assertThat(LargeOptions.bytes("--size", "1234")).isEqualTo(1234);
	}

	@Test
	void shouldPutEicarOnTheFirstWindowBoundaryInsideTheOverlap() {
		LargeOptions options = LargeOptions.parse(new String[] { "--size", "2GiB", "--eicar-at", "boundary" });
		long at = options.eicarOffset();
		assertThat(at).isGreaterThanOrEqualTo(options.window() - options.overlap());
		assertThat(at + SparseContent.EICAR.length).isLessThanOrEqualTo(options.window());
		assertThat(LargeOptions.parse(new String[] { "--size", "2GiB", "--eicar-at", "end" }).eicarOffset())
			.isEqualTo((2L << 30) - SparseContent.EICAR.length);
	}

	@Test
	void shouldRefuseWhatCannotBeRun() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LargeOptions.parse(new String[] { "--window", "2MiB", "--overlap", "1MiB" }))
			.withMessageContaining("--overlap");
		assertThatIllegalArgumentException().isThrownBy(() -> LargeOptions.parse(new String[] { "--kill-at", "1" }));
		assertThatIllegalArgumentException().isThrownBy(() -> LargeOptions.parse(new String[] { "--size", "100MiB" }))
			.withMessageContaining("larger than --window");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LargeOptions.parse(new String[] { "--size", "2GiB", "--eicar-at", "3GiB" }));
	}

}
