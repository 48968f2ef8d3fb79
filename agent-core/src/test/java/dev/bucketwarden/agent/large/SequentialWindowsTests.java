package dev.bucketwarden.agent.large;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.engine.chain.ScanReport;
import dev.bucketwarden.engine.spi.ObjectRef;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.ScanLimits;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.local.samples.Samples;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stream scanned in sequential windows: any pattern no longer than the overlap is whole
 * in one window wherever it lies, each window's context has its exact length, and only
 * the overlap is read twice.
 */
class SequentialWindowsTests {

	private static final byte[] PATTERN = "SIGNATURE-0123456789".getBytes();

	@Test
	void shouldFindAPatternNoLongerThanTheOverlapWhereverItLies() throws IOException {
		SplittableRandom random = new SplittableRandom(2121);
		for (int trial = 0; trial < 300; trial++) {
			int window = random.nextInt(64, 2048);
			int overlap = random.nextInt(PATTERN.length, window / 2);
			int size = random.nextInt(PATTERN.length, 20_000);
			byte[] content = Samples.random(size, trial);
			int at = random.nextInt(0, size - PATTERN.length + 1);
			System.arraycopy(PATTERN, 0, content, at, PATTERN.length);
			PatternEngine engine = new PatternEngine(PATTERN);
			PartTally tally = new PartTally();

			new SequentialWindows(window, overlap).scan(new ByteArrayInputStream(content),
					random.nextBoolean() ? size : -1, engine.chain(), SequentialWindowsTests::context, tally);

			assertThat(tally.report().verdict()).as("pattern at %d of %d, windows %d/%d", at, size, window, overlap)
				.isInstanceOf(Verdict.Infected.class);
		}
	}

	@Test
	void shouldReadOnlyTheOverlapTwiceAndCallACleanStreamClean() throws IOException {
		byte[] content = Samples.random(10_000, 5);
		PatternEngine engine = new PatternEngine(PATTERN);
		PartTally tally = new PartTally();

		new SequentialWindows(4096, 512).scan(new ByteArrayInputStream(content), content.length, engine.chain(),
				SequentialWindowsTests::context, tally);

		ScanReport report = tally.report();
		assertThat(report.verdict()).isInstanceOf(Verdict.Clean.class);
		// 4096, then 512 replayed + 3584 new, then 512 + the last 2320.
		assertThat(engine.lengths).containsExactly(4096L, 4096L, 2832L);
		assertThat(report.bytesScanned()).isEqualTo(10_000 + 2 * 512);
	}

	private static ScanContext context(long length) {
		return new ScanContext(new ObjectRef.Upload("test"), length, null, ScanLimits.DEFAULT);
	}

}
