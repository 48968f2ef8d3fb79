package dev.bucketwarden.engine.clamav;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.bucketwarden.engine.chain.ChainPolicy;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.chain.ScanReport;
import dev.bucketwarden.engine.spi.EngineInfo;
import dev.bucketwarden.engine.spi.EngineSettings;
import dev.bucketwarden.engine.spi.ObjectRef;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.ScanEngine;
import dev.bucketwarden.engine.spi.ScanEngineRegistry;
import dev.bucketwarden.engine.spi.UnscannableReason;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.local.clamd.ClamdServer;
import dev.bucketwarden.local.junit.ClamdExtension;
import dev.bucketwarden.local.samples.Samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The ClamAV engine against a real clamd running our signature database. */
@ExtendWith(ClamdExtension.class)
class ClamavEngineIntegrationTests {

	/** Debian's clamav-testfiles, installed by bin/setup. */
	private static final Path TEST_FILES = Path.of("/usr/share/clamav-testfiles");

	private static ClamavEngine engine;

	@BeforeAll
	static void connect(ClamdServer clamd) {
		engine = new ClamavEngine("clamav", ClamavSettings.DEFAULTS.withTcp(clamd.host(), clamd.port()));
	}

	@Test
	void shouldFindEicarAndNameIt() {
		assertThat(scan(Samples.eicar())).isInstanceOfSatisfying(Verdict.Infected.class,
				(infected) -> assertThat(infected.signatures()).singleElement()
					.asString()
					.startsWith("BucketWarden.Test.Eicar"));
	}

	@Test
	void shouldPassCleanRandomData() {
		assertThat(scan(Samples.random(3 << 20, 11))).isEqualTo(new Verdict.Clean());
	}

	@Test
	void shouldPassEmptyContent() {
		assertThat(scan(new byte[0])).isEqualTo(new Verdict.Clean());
	}

	@Test
	void shouldSendEveryByteOfLargeContent() {
		// The marker is the last 32 bytes of 8 MiB: found only if the whole stream
		// reached clamd.
		assertThat(scan(Samples.randomWithMarkerAtEnd(8 << 20, 12))).isInstanceOfSatisfying(Verdict.Infected.class,
				(infected) -> assertThat(infected.signatures().getFirst()).startsWith("BucketWarden.Test.Marker"));
	}

	static Stream<Path> clamavTestFiles() throws IOException {
		if (!Files.isDirectory(TEST_FILES)) {
			fail(TEST_FILES + " is missing: run bin/setup (installs Debian's clamav-testfiles)");
		}
		try (Stream<Path> files = Files.list(TEST_FILES)) {
			List<Path> list = files.filter(Files::isRegularFile).sorted().toList();
			assertThat(list).as("clamav-testfiles").hasSizeGreaterThan(30);
			return list.stream();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("clamavTestFiles")
	void shouldDetectEveryClamavTestFile(Path file) throws IOException {
		assertThat(scan(Files.readAllBytes(file))).isInstanceOf(Verdict.Infected.class);
	}

	@Test
	void shouldFindEicarInsideAZip() {
		assertThat(scan(Samples.zip("docs/readme.com", Samples.eicar()))).isInstanceOf(Verdict.Infected.class);
	}

	@Test
	void shouldFindEicarInsideNestedZips() {
		assertThat(scan(Samples.nestedZip(Samples.eicar(), 5))).isInstanceOf(Verdict.Infected.class);
	}

	@Test
	void shouldCallAnEncryptedZipUnscannableNeverClean() {
		byte[] zip = Samples.encryptedZip(Map.of("invoice.pdf", Samples.random(10_000, 13)), "secret");

		assertThat(scan(zip)).isInstanceOfSatisfying(Verdict.Unscannable.class, (unscannable) -> {
			assertThat(unscannable.reason()).isEqualTo(UnscannableReason.ENCRYPTED);
			assertThat(unscannable.detail()).startsWith("Heuristics.Encrypted.Zip");
		});
	}

	@Test
	void shouldCallContentOverTheStreamLimitUnscannableWithoutSendingIt() {
		ClamavEngine limited = new ClamavEngine("clamav", engine.settings().withStreamMaxLength(1 << 20));
		InputStream unreadable = new InputStream() {
			@Override
			public int read() {
				throw new AssertionError("content over the limit must not be read");
			}
		};

		Verdict verdict = limited.scan(unreadable, ScanContext.of(new ObjectRef.Upload("big"), (1 << 20) + 1));

		assertThat(verdict).isInstanceOfSatisfying(Verdict.Unscannable.class,
				(unscannable) -> assertThat(unscannable.reason()).isEqualTo(UnscannableReason.TOO_LARGE));
	}

	@Test
	void shouldStopStreamingContentOfUnknownSizeAtTheStreamLimit() {
		ClamavEngine limited = new ClamavEngine("clamav", engine.settings().withStreamMaxLength(1 << 20));
		byte[] content = Samples.random(3 << 20, 14);

		Verdict verdict = limited.scan(new ByteArrayInputStream(content),
				ScanContext.of(new ObjectRef.Upload("big"), ScanContext.UNKNOWN_SIZE));

		assertThat(verdict).isInstanceOfSatisfying(Verdict.Unscannable.class,
				(unscannable) -> assertThat(unscannable.reason()).isEqualTo(UnscannableReason.TOO_LARGE));
	}

	@Test
	void shouldScanOverTheUnixSocket(ClamdServer clamd) {
		ClamavEngine overSocket = new ClamavEngine("clamav", ClamavSettings.DEFAULTS.withSocket(clamd.socket()));

		assertThat(overSocket.scan(new ByteArrayInputStream(Samples.eicar()),
				ScanContext.of(new ObjectRef.Upload("eicar"), 68)))
			.isInstanceOf(Verdict.Infected.class);
		assertThat(overSocket.probe().product()).startsWith("ClamAV");
	}

	@Test
	void shouldReportEngineAndSignatureVersion() {
		EngineInfo info = engine.probe();

		assertThat(info.engineId()).isEqualTo("clamav");
		assertThat(info.product()).matches("ClamAV \\d+\\.\\d+.*");
		assertThat(info.signatureVersion()).isEqualTo("1");
		assertThat(info.signatureDate()).isNotNull();
	}

	@Test
	void shouldSizeItsPoolToClamdsThreads(ClamdServer clamd) {
		assertThat(engine.concurrency()).isEqualTo(clamd.options().maxThreads());
	}

	@Test
	void shouldBeFoundThroughServiceLoaderAndScanThroughTheChain(ClamdServer clamd) {
		ScanEngine fromRegistry = ScanEngineRegistry.load()
			.create("clamav", EngineSettings.of(Map.of("host", clamd.host(), "port", Integer.toString(clamd.port()))));
		EngineChain chain = EngineChain.builder()
			.engine(fromRegistry)
			.engine(new ClamavEngine("clamav-2", engine.settings()))
			.policy(ChainPolicy.RUN_ALL)
			.build();
		byte[] zip = Samples.zip("a.com", Samples.eicar());

		ScanReport report = chain.scan(new ByteArrayInputStream(zip),
				ScanContext.of(new ObjectRef.S3Object("bucket", "a.zip", null), zip.length));

		assertThat(report.verdict()).isInstanceOf(Verdict.Infected.class);
		assertThat(report.signaturesByEngine()).containsOnlyKeys("clamav", "clamav-2");
		assertThat(report.engines())
			.allSatisfy((result) -> assertThat(result.info().signatureVersion()).isEqualTo("1"));
	}

	private static Verdict scan(byte[] content) {
		return engine.scan(new ByteArrayInputStream(content),
				ScanContext.of(new ObjectRef.Upload("sample"), content.length));
	}

}
