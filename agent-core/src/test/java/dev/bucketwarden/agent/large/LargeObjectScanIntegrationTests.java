package dev.bucketwarden.agent.large;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import dev.bucketwarden.agent.storage.ObjectChangedException;
import dev.bucketwarden.agent.storage.ObjectInfo;
import dev.bucketwarden.agent.storage.ObjectStore;
import dev.bucketwarden.engine.chain.ChainMember;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.chain.ScanReport;
import dev.bucketwarden.engine.spi.EngineSettings;
import dev.bucketwarden.engine.spi.ScanEngineRegistry;
import dev.bucketwarden.engine.spi.ScanLimits;
import dev.bucketwarden.engine.spi.ScanResult;
import dev.bucketwarden.engine.spi.UnscannableReason;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.local.aws.AwsClients;
import dev.bucketwarden.local.aws.S3Buckets;
import dev.bucketwarden.local.clamd.ClamdServer;
import dev.bucketwarden.local.faults.FaultKind;
import dev.bucketwarden.local.faults.FaultProxy;
import dev.bucketwarden.local.junit.ClamdExtension;
import dev.bucketwarden.local.junit.S3MockExtension;
import dev.bucketwarden.local.s3mock.S3MockServer;
import dev.bucketwarden.local.samples.Samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Large objects planned by content and scanned part by part on S3Mock and a real clamd,
 * with small forced limits (8 MiB windows, 64 KiB overlap): EICAR is found at the first
 * byte, across a window boundary (only the window whose overlap holds it whole sees it),
 * at the very end, in a zip member after clean members, in a nested zip, in a member
 * larger than a window, in a later member of a tar.gz, and in a member past 4 GiB of a
 * computed zip64; archives that do not say what they hold are Unscannable; a range whose
 * reads keep failing is an Error, never Clean.
 */
@ExtendWith({ S3MockExtension.class, ClamdExtension.class })
class LargeObjectScanIntegrationTests {

	private static final long WINDOW = 8 << 20;

	private static final long OVERLAP = 64 << 10;

	private static final ScanLimits LIMITS = new ScanLimits(1L << 40, Duration.ofMinutes(2));

	private static int run;

	private S3Client s3;

	private ObjectStore store;

	private EngineChain chain;

	private String bucket;

	@BeforeEach
	void setUp(S3MockServer s3mock, ClamdServer clamd) {
		run++;
		this.bucket = "large-scan-" + run;
		this.s3 = AwsClients.s3(s3mock);
		S3Buckets.createVersioned(this.s3, this.bucket);
		this.store = new ObjectStore(this.s3, 5L << 30, 8L << 20);
		this.chain = EngineChain.builder()
			.member(new ChainMember(ScanEngineRegistry.load()
				.create("clamav",
						EngineSettings.of(Map.of("host", clamd.host(), "port", Integer.toString(clamd.port())))),
					true))
			.build();
	}

	@Test
	void shouldFindEicarAtTheFirstByte() {
		byte[] content = Samples.random((int) (2 * WINDOW), 1);
		place(content, 0);
		ObjectInfo object = put("disk.img", content);

		Plan plan = plan(object);

		assertThat(plan.parts()).hasSize(3).allMatch(Window.class::isInstance);
		assertThat(verdicts(object, plan, 0, 1)).containsExactly(ScanResult.INFECTED, ScanResult.CLEAN);
	}

	@Test
	void shouldFindEicarInsideTheOverlapAtAWindowBoundary() {
		byte[] content = Samples.random((int) (2 * WINDOW), 2);
		// Across the end of window 0: only window 1, which starts 64 KiB earlier, has it
		// whole.
		place(content, (int) WINDOW - 30);
		ObjectInfo object = put("boundary.img", content);

		Plan plan = plan(object);

		assertThat(verdicts(object, plan, 0, 1)).containsExactly(ScanResult.CLEAN, ScanResult.INFECTED);
	}

	@Test
	void shouldFindEicarAtTheVeryEnd() {
		byte[] content = Samples.random((int) (2 * WINDOW), 3);
		place(content, content.length - Samples.eicar().length);
		ObjectInfo object = put("end.img", content);

		Plan plan = plan(object);

		assertThat(verdicts(object, plan, 1, 2)).containsExactly(ScanResult.CLEAN, ScanResult.INFECTED);
	}

	@Test
	void shouldFindEicarInAZipMemberAfterCleanMembers() {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		for (int i = 0; i < 4; i++) {
			entries.put("data/part-" + i + ".bin", Samples.random(3 << 20, 10 + i));
		}
		entries.put("data/tools/eicar.com", Samples.eicar());
		ObjectInfo object = put("members.zip", Samples.zip(entries));

		Plan plan = plan(object);

		assertThat(plan.parts()).hasSizeGreaterThan(2);
		assertThat(plan.parts().subList(0, plan.parts().size() - 1)).allMatch(MemberRun.class::isInstance);
		List<ScanResult> verdicts = verdicts(object, plan);
		// Runs of clean members, the run with EICAR, then the directory.
		assertThat(verdicts.get(verdicts.size() - 2)).isEqualTo(ScanResult.INFECTED);
		assertThat(verdicts.subList(0, verdicts.size() - 2)).containsOnly(ScanResult.CLEAN);
		assertThat(verdicts.getLast()).isEqualTo(ScanResult.CLEAN);
	}

	@Test
	void shouldFindEicarInANestedZipInsideAMember() {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		entries.put("clean.bin", Samples.random(1 << 20, 20));
		entries.put("inner.zip", Samples.nestedZip(Samples.eicar(), 2));
		ObjectInfo object = put("nested.zip", Samples.zip(entries));

		assertThat(verdicts(object, plan(object))).containsExactly(ScanResult.INFECTED, ScanResult.CLEAN);
	}

	@Test
	void shouldFindEicarInTheZipsCommentThatNoMemberHolds() throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.putNextEntry(new ZipEntry("clean.bin"));
			zip.write(Samples.random(1 << 20, 21));
			zip.closeEntry();
			zip.setComment(new String(Samples.eicar(), StandardCharsets.ISO_8859_1));
		}
		ObjectInfo object = put("commented.zip", bytes.toByteArray());

		assertThat(verdicts(object, plan(object))).containsExactly(ScanResult.CLEAN, ScanResult.INFECTED);
	}

	@Test
	void shouldFindEicarInAMemberLargerThanAWindow() {
		byte[] large = Samples.random((int) (2 * WINDOW + (1 << 20)), 30);
		// Across the end of the member's first window: only the second has it whole.
		place(large, (int) WINDOW - 30);
		Map<String, byte[]> entries = new LinkedHashMap<>();
		entries.put("small.bin", Samples.random(1 << 20, 31));
		entries.put("large.bin", large);
		ObjectInfo object = put("large-member.zip", Samples.zip(entries));

		Plan plan = plan(object);

		assertThat(plan.parts()).hasSize(3);
		assertThat(verdicts(object, plan)).containsExactly(ScanResult.CLEAN, ScanResult.INFECTED, ScanResult.CLEAN);
	}

	@Test
	void shouldScanACleanMemberLargerThanAWindowAsClean() {
		ObjectInfo object = put("clean-large-member.zip",
				Samples.zip("large.bin", Samples.random((int) (2 * WINDOW + 12345), 32)));

		ScanReport report = scan(object, plan(object).parts().getFirst());

		assertThat(report.verdict()).isInstanceOf(Verdict.Clean.class);
		// Three windows of the member, the second and third with 64 KiB replayed.
		assertThat(report.bytesScanned()).isEqualTo(2 * WINDOW + 12345 + 2 * OVERLAP);
	}

	@Test
	void shouldReportAnEncryptedMemberUnscannable() {
		ObjectInfo object = put("encrypted.zip",
				Samples.encryptedZip(Map.of("invoice.pdf", Samples.random(4096, 40)), "secret"));

		ScanReport report = scan(object, plan(object).parts().getFirst());

		assertThat(report.verdict()).isInstanceOfSatisfying(Verdict.Unscannable.class,
				(unscannable) -> assertThat(unscannable.reason()).isEqualTo(UnscannableReason.ENCRYPTED));
	}

	@Test
	void shouldReportAMemberLongerThanItsDirectorySaysUnscannable() {
		byte[] zip = Samples.zip("a.bin", Samples.random(100_000, 50));
		ZipBytes.centralEntrySize(zip, 0, 50_000);
		ObjectInfo object = put("lying.zip", zip);

		ScanReport report = scan(object, plan(object).parts().getFirst());

		assertThat(report.verdict()).isInstanceOfSatisfying(Verdict.Unscannable.class,
				(unscannable) -> assertThat(unscannable.reason()).isEqualTo(UnscannableReason.LIMITS_EXCEEDED));
	}

	@Test
	void shouldReportAMemberOverTheMaxSizeUnscannable() {
		ObjectInfo object = put("over.zip", Samples.zip("a.bin", Samples.random(2 << 20, 51)));

		ScanReport report = new LargePartScanner(this.store::openRange, WINDOW, OVERLAP, 2).scan(object,
				plan(object).parts().getFirst(), this.chain, new ScanLimits(1 << 20, Duration.ofMinutes(1)));

		assertThat(report.verdict()).isInstanceOfSatisfying(Verdict.Unscannable.class,
				(unscannable) -> assertThat(unscannable.reason()).isEqualTo(UnscannableReason.LIMITS_EXCEEDED));
	}

	@Test
	void shouldFindEicarInALaterMemberOfATarGzAndCallACleanOneClean() throws IOException {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		entries.put("one.bin", Samples.random(1 << 20, 60));
		entries.put("two.bin", Samples.random((int) WINDOW + 4321, 61));
		ObjectInfo clean = put("clean.tar.gz", gzip(TarBuilder.tar(entries)));
		entries.put("three/eicar.com", Samples.eicar());
		ObjectInfo infected = put("infected.tar.gz", gzip(TarBuilder.tar(entries)));

		Plan plan = plan(infected);

		assertThat(plan.parts()).containsExactly(new Sequential(0, infected.size(), Sequential.Format.GZIP));
		assertThat(verdicts(infected, plan)).containsExactly(ScanResult.INFECTED);
		assertThat(verdicts(clean, plan(clean))).containsExactly(ScanResult.CLEAN);
	}

	@Test
	void shouldNeverCallBytesAfterTheLastGzipMemberClean() throws IOException {
		ByteArrayOutputStream content = new ByteArrayOutputStream();
		content.writeBytes(gzip(Samples.random(1 << 20, 62)));
		// gunzip and java.util.zip stop quietly at bytes that are not another member.
		content.writeBytes(Samples.eicar());
		ObjectInfo object = put("trailing.gz", content.toByteArray());

		ScanResult result = verdicts(object, plan(object)).getFirst();

		assertThat(result).isEqualTo(ScanResult.UNSCANNABLE);
	}

	@Test
	void shouldScanTheDataOfAPaxHeader() {
		byte[] pax = ("99 comment=" + new String(Samples.eicar(), StandardCharsets.ISO_8859_1) + "\n")
			.getBytes(StandardCharsets.ISO_8859_1);
		ByteArrayOutputStream content = new ByteArrayOutputStream();
		content.writeBytes(TarBuilder.header("PaxHeaders/clean.bin", pax.length, 'x'));
		content.writeBytes(pax);
		content.writeBytes(new byte[(int) TarHeader.padding(pax.length)]);
		content.writeBytes(TarBuilder.tar(Map.of("clean.bin", Samples.random(1 << 20, 64))));
		ObjectInfo object = put("pax.tar", content.toByteArray());

		assertThat(verdicts(object, plan(object))).containsExactly(ScanResult.INFECTED);
	}

	@Test
	void shouldScanBytesAfterTheEndOfATar() {
		ByteArrayOutputStream content = new ByteArrayOutputStream();
		content.writeBytes(TarBuilder.tar(Map.of("clean.bin", Samples.random(1 << 20, 63))));
		content.writeBytes(Samples.eicar());
		ObjectInfo object = put("trailing.tar", content.toByteArray());

		Plan plan = plan(object);

		assertThat(plan.parts()).containsExactly(new Sequential(0, object.size(), Sequential.Format.TAR));
		assertThat(verdicts(object, plan)).containsExactly(ScanResult.INFECTED);
	}

	@Test
	void shouldFindEicarInAMemberPastFourGibibytesOfAZip64() {
		SyntheticZip zip = new SyntheticZip().zeros("disk-0.img", 3L << 30)
			.zeros("disk-1.img", 2L << 30)
			.bytes("late/readme.txt", "nothing here".getBytes())
			.bytes("late/eicar.com", Samples.eicar())
			.finish();
		ObjectInfo object = zip.object("backup.zip");
		Plan plan = new ContentPlanner(zip, 0).plan(object, WINDOW, OVERLAP);
		Part late = plan.parts().get(plan.parts().size() - 2);

		ScanReport report = new LargePartScanner(zip, WINDOW, OVERLAP, 0).scan(object, late, this.chain, LIMITS);

		assertThat(late.start()).isGreaterThan(5L << 30);
		assertThat(report.verdict()).isInstanceOf(Verdict.Infected.class);
	}

	@Test
	void shouldResumeAWindowWhoseConnectionDropsOnce(S3MockServer s3mock) {
		byte[] content = Samples.random((int) WINDOW, 70);
		place(content, content.length - 100);
		ObjectInfo object = put("flaky.img", content);
		try (FaultProxy proxy = FaultProxy.start("s3", s3mock.endpoint(), Duration.ofSeconds(3), null);
				S3Client proxied = AwsClients.s3(proxy.endpoint())) {
			ObjectStore flaky = new ObjectStore(proxied, 5L << 30, 8L << 20);
			proxy.arm("s3:GetObject", FaultKind.RESET_MID_BODY, 1);

			ScanReport report = new LargePartScanner(flaky::openRange, WINDOW, OVERLAP, 2).scan(object,
					new Window(0, 0, WINDOW), this.chain, LIMITS);

			assertThat(proxy.injected()).hasSize(1);
			assertThat(report.verdict()).isInstanceOf(Verdict.Infected.class);
		}
	}

	@Test
	void shouldReportAWindowWhoseGetKeepsFailingAsErrorNeverClean(S3MockServer s3mock) {
		ObjectInfo object = put("broken.img", Samples.random((int) WINDOW, 71));
		try (FaultProxy proxy = FaultProxy.start("s3", s3mock.endpoint(), Duration.ofSeconds(3), null);
				S3Client proxied = AwsClients.s3(proxy.endpoint())) {
			ObjectStore flaky = new ObjectStore(proxied, 5L << 30, 8L << 20);
			proxy.arm("s3:GetObject", FaultKind.RESET_MID_BODY, 3);

			ScanReport report = new LargePartScanner(flaky::openRange, WINDOW, OVERLAP, 2).scan(object,
					new Window(0, 0, WINDOW), this.chain, LIMITS);

			assertThat(proxy.injected()).hasSize(3);
			assertThat(report.verdict()).isInstanceOf(Verdict.Error.class);
		}
	}

	@Test
	void shouldReportAZipRunWhoseGetKeepsFailingAsErrorNeverClean(S3MockServer s3mock) {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		entries.put("a.bin", Samples.random(2 << 20, 72));
		entries.put("b.bin", Samples.random(2 << 20, 73));
		ObjectInfo object = put("broken.zip", Samples.zip(entries));
		Part run = plan(object).parts().getFirst();
		try (FaultProxy proxy = FaultProxy.start("s3", s3mock.endpoint(), Duration.ofSeconds(3), null);
				S3Client proxied = AwsClients.s3(proxy.endpoint())) {
			ObjectStore flaky = new ObjectStore(proxied, 5L << 30, 8L << 20);
			proxy.arm("s3:GetObject", FaultKind.RESET_MID_BODY, 2);

			ScanReport report = new LargePartScanner(flaky::openRange, WINDOW, OVERLAP, 1).scan(object, run, this.chain,
					LIMITS);

			assertThat(report.verdict()).isInstanceOf(Verdict.Error.class);
		}
	}

	@Test
	void shouldEndTheScanAsChangedWhenTheObjectIsOverwritten() {
		String unversioned = "large-unversioned-" + run;
		this.s3.createBucket((request) -> request.bucket(unversioned));
		this.s3.putObject((request) -> request.bucket(unversioned).key("moving.img"),
				RequestBody.fromBytes(Samples.random((int) WINDOW, 80)));
		ObjectInfo object = this.store.head(unversioned, "moving.img", null).orElseThrow();
		this.s3.putObject((request) -> request.bucket(unversioned).key("moving.img"),
				RequestBody.fromBytes(Samples.random((int) WINDOW, 81)));

		assertThatExceptionOfType(ObjectChangedException.class)
			.isThrownBy(() -> scan(object, new Window(0, 0, WINDOW)));
	}

	private ObjectInfo put(String key, byte[] content) {
		this.s3.putObject((request) -> request.bucket(this.bucket).key(key), RequestBody.fromBytes(content));
		return this.store.head(this.bucket, key, null).orElseThrow();
	}

	private Plan plan(ObjectInfo object) {
		return new ContentPlanner(this.store::openRange, 2).plan(object, WINDOW, OVERLAP);
	}

	private ScanReport scan(ObjectInfo object, Part part) {
		return new LargePartScanner(this.store::openRange, WINDOW, OVERLAP, 2).scan(object, part, this.chain, LIMITS);
	}

	private List<ScanResult> verdicts(ObjectInfo object, Plan plan, int... indexes) {
		List<ScanResult> results = new ArrayList<>();
		if (indexes.length == 0) {
			plan.parts().forEach((part) -> results.add(scan(object, part).verdict().result()));
		}
		for (int index : indexes) {
			results.add(scan(object, plan.parts().get(index)).verdict().result());
		}
		return results;
	}

	private static void place(byte[] content, int at) {
		byte[] eicar = Samples.eicar();
		System.arraycopy(eicar, 0, content, at, eicar.length);
	}

	private static byte[] gzip(byte[] content) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
			out.write(content);
		}
		return bytes.toByteArray();
	}

}
