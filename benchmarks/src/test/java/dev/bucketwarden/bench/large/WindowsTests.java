package dev.bucketwarden.bench.large;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WindowsTests {

	@Test
	void shouldOverlapNeighboursAndEndAtTheEnd() {
		List<Windows.Range> windows = Windows.of(10_000_003, 1_000_000, 1_000);
		assertThat(windows.get(0).start()).isZero();
		assertThat(windows.get(windows.size() - 1).end()).isEqualTo(10_000_003);
		for (int i = 0; i < windows.size(); i++) {
			assertThat(windows.get(i).index()).isEqualTo(i);
			assertThat(windows.get(i).length()).isLessThanOrEqualTo(1_000_000);
			if (i > 0) {
				assertThat(windows.get(i).start()).isEqualTo(windows.get(i - 1).end() - 1_000);
			}
		}
	}

	@Test
	void shouldCutTwentyGibibytesAsTheAgentsDo() {
		// (n - 1) x 255 MiB + 256 MiB >= 20 GiB first holds for n = 81
		List<Windows.Range> windows = Windows.of(20L << 30, 256L << 20, 1L << 20);
		assertThat(windows).hasSize(81);
		assertThat(windows.get(80).start()).isEqualTo(80 * (255L << 20));
	}

	@Test
	void shouldRefuseAnOverlapOfHalfAWindow() {
		assertThatIllegalArgumentException().isThrownBy(() -> Windows.of(100, 10, 5));
	}

}
