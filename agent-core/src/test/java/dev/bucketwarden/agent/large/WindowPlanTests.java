package dev.bucketwarden.agent.large;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.store.results.Coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Windows cut an object so that every byte and every run of up to the overlap is in one
 * window.
 */
class WindowPlanTests {

	@Test
	void shouldCutAnObjectOfExactlyOneWindowIntoOnePart() {
		Plan plan = WindowPlan.of(1000, 1000, 100);

		assertThat(plan.parts()).containsExactly(new Window(0, 0, 1000));
		assertThat(plan.coverage()).isEqualTo(Coverage.windows(1000, 100, 1));
	}

	@Test
	void shouldCutAnObjectOfOneWindowAndOneByteIntoTwoOverlappingParts() {
		Plan plan = WindowPlan.of(1001, 1000, 100);

		assertThat(plan.parts()).containsExactly(new Window(0, 0, 1000), new Window(1, 900, 1001));
	}

	@Test
	void shouldRefuseAnOverlapOfHalfAWindowOrMore() {
		assertThatIllegalArgumentException().isThrownBy(() -> WindowPlan.of(5000, 1000, 500));
		assertThatIllegalArgumentException().isThrownBy(() -> WindowPlan.of(0, 1000, 100));
	}

	@Test
	void shouldPutEveryRunOfUpToTheOverlapWholeInOneWindow() {
		SplittableRandom random = new SplittableRandom(21);
		for (int trial = 0; trial < 200; trial++) {
			long window = random.nextLong(2, 5000);
			long overlap = random.nextLong(0, (window + 1) / 2);
			if (overlap * 2 >= window) {
				continue;
			}
			long size = random.nextLong(1, 40_000);
			List<Part> parts = WindowPlan.of(size, window, overlap).parts();
			assertThat(parts.getFirst().start()).isZero();
			assertThat(parts.getLast().end()).isEqualTo(size);
			for (int i = 0; i < parts.size(); i++) {
				Part part = parts.get(i);
				assertThat(part.length()).isLessThanOrEqualTo(window);
				if (i > 0) {
					// Neighbours share at least the overlap (the last may share more).
					assertThat(parts.get(i - 1).end() - part.start())
						.isGreaterThanOrEqualTo(Math.min(overlap, parts.get(i - 1).length()));
				}
			}
			long run = Math.max(1, overlap);
			for (long at = 0; at + run <= size; at += Math.max(1, size / 97)) {
				long from = at;
				assertThat(parts).as("run [%d, %d) of %d in windows of %d/%d", from, from + run, size, window, overlap)
					.anyMatch((part) -> part.start() <= from && from + run <= part.end());
			}
		}
	}

}
