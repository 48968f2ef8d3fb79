package dev.bucketwarden.agent.large;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.agent.storage.ObjectInfo;
import dev.bucketwarden.engine.spi.ScanLimits;
import dev.bucketwarden.engine.spi.UnscannableReason;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.local.samples.Samples;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a member run checks as it reads, since a directory can be right and the bytes it
 * points at wrong: a local header where the directory puts a member, the same method,
 * encryption flagged only locally; and that a clean run is Clean.
 */
class ZipRunScannerTests {

	private static final byte[] PATTERN = "SIGNATURE-0123456789".getBytes();

	private static final ScanLimits LIMITS = new ScanLimits(1 << 30, Duration.ofMinutes(1));

	@Test
	void shouldCallARunOfCleanMembersClean() {
		assertThat(scan(zip())).isInstanceOf(Verdict.Clean.class);
	}

	@Test
	void shouldFindAPatternInAMember() {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		entries.put("a.bin", Samples.random(5000, 1));
		byte[] b = Samples.random(5000, 2);
		System.arraycopy(PATTERN, 0, b, 4000, PATTERN.length);
		entries.put("b.bin", b);

		assertThat(scan(Samples.zip(entries))).isInstanceOf(Verdict.Infected.class);
	}

	@Test
	void shouldRefuseAMemberWithoutALocalHeader() {
		byte[] zip = zip();
		zip[(int) ZipBytes.centralEntryOffsetValue(zip, 1)] = 'X';

		assertThat(scan(zip)).isEqualTo(UnscannableReason.UNSUPPORTED);
	}

	@Test
	void shouldRefuseAMemberWhoseLocalMethodDisagrees() {
		byte[] zip = zip();
		zip[(int) ZipBytes.centralEntryOffsetValue(zip, 1) + 8] = 0;

		assertThat(scan(zip)).isEqualTo(UnscannableReason.UNSUPPORTED);
	}

	@Test
	void shouldRefuseAMemberEncryptedByItsLocalHeaderAlone() {
		byte[] zip = zip();
		zip[(int) ZipBytes.centralEntryOffsetValue(zip, 1) + 6] |= 1;

		assertThat(scan(zip)).isEqualTo(UnscannableReason.ENCRYPTED);
	}

	private static byte[] zip() {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		entries.put("a.bin", Samples.random(5000, 1));
		entries.put("b.bin", Samples.random(5000, 2));
		entries.put("c.bin", Samples.random(5000, 3));
		return Samples.zip(entries);
	}

	private static Object scan(byte[] zip) {
		BytesRangeReader reader = new BytesRangeReader(zip);
		ObjectInfo object = reader.object("a.zip");
		Plan plan = new ContentPlanner(reader, 0).plan(object, 1 << 20, 4096);
		assertThat(plan.parts().getFirst()).isInstanceOf(MemberRun.class);
		Verdict verdict = new LargePartScanner(reader, 1 << 20, 4096, 0)
			.scan(object, plan.parts().getFirst(), new PatternEngine(PATTERN).chain(), LIMITS)
			.verdict();
		return (verdict instanceof Verdict.Unscannable unscannable) ? unscannable.reason() : verdict;
	}

}
