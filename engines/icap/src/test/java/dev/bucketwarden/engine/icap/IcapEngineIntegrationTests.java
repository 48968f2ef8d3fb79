package dev.bucketwarden.engine.icap;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.bucketwarden.engine.chain.ChainPolicy;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.chain.ScanReport;
import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.EngineInfo;
import dev.bucketwarden.engine.spi.EngineSettings;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.ObjectRef;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.ScanEngine;
import dev.bucketwarden.engine.spi.ScanEngineRegistry;
import dev.bucketwarden.engine.spi.UnscannableReason;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.local.cicap.CIcapServer;
import dev.bucketwarden.local.junit.CIcapExtension;
import dev.bucketwarden.local.samples.Samples;
import dev.bucketwarden.local.support.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The ICAP engine against a real c-icap (Debian's c-icap with its virus_scan service)
 * scanning with our test clamd.
 */
@ExtendWith(CIcapExtension.class)
class IcapEngineIntegrationTests {

	/** c-icap's virus_scan asks for a preview of this many bytes (its OPTIONS say so). */
	private static final int PREVIEW = 1024;

	private static IcapEngine engine;

	@BeforeAll
	static void connect(CIcapServer cIcap) {
		engine = new IcapEngine("icap", IcapSettings.DEFAULTS.withServer(cIcap.host(), cIcap.port(), cIcap.service()));
	}

	@Test
	void shouldFindEicarAndNameIt() {
		assertThat(scan(Samples.eicar())).isEqualTo(Verdict.Infected.of("BucketWarden.Test.Eicar.UNOFFICIAL"));
	}

	@Test
	void shouldPassCleanContentAnswered204(CIcapServer cIcap) {
		int before = cIcap.accessLog().size();

		assertThat(scan(Samples.random(300_000, 1))).isEqualTo(new Verdict.Clean());
		// c-icap logs each request as it ends (an earlier test's request may be logged
		// after `before` was read): the newest line is this one, and its status is 204.
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(cIcap.accessLog()).hasSizeGreaterThan(before)
				.last()
				.asString()
				.contains(" RESPMOD avscan")
				.endsWith(" 204"));
	}

	@Test
	void shouldFindEicarInsideAZip() {
		assertThat(scan(Samples.zip("docs/readme.com", Samples.eicar()))).isInstanceOf(Verdict.Infected.class);
		assertThat(scan(Samples.nestedZip(Samples.eicar(), 3))).isInstanceOf(Verdict.Infected.class);
	}

	@Test
	void shouldCallAnEncryptedZipUnscannableNeverClean() {
		byte[] zip = Samples.encryptedZip(Map.of("invoice.pdf", Samples.random(10_000, 2)), "secret");

		assertThat(scan(zip)).isInstanceOfSatisfying(Verdict.Unscannable.class,
				(verdict) -> assertThat(verdict.reason()).isEqualTo(UnscannableReason.ENCRYPTED));
	}

	@Test
	void shouldPassEmptyContent() {
		assertThat(scan(new byte[0])).isEqualTo(new Verdict.Clean());
	}

	/**
	 * Around the preview size: the marker sits in the last bytes, so it is found only if
	 * the server got everything, whether the preview held it all ({@code ieof}) or the
	 * rest followed a 100 Continue.
	 */
	@ParameterizedTest(name = "{0} bytes")
	@ValueSource(ints = { PREVIEW - 1, PREVIEW, PREVIEW + 1, 2 * PREVIEW + 7, 64 * 1024 + 1 })
	void shouldScanEveryByteAroundThePreviewSize(int size) {
		assertThat(scan(Samples.randomWithMarkerAtEnd(size, size))).isInstanceOfSatisfying(Verdict.Infected.class,
				(infected) -> assertThat(infected.signatures().getFirst()).startsWith("BucketWarden.Test.Marker"));
		assertThat(scan(Samples.random(size, size))).isEqualTo(new Verdict.Clean());
	}

	@Test
	void shouldScanEveryByteOfLargeContentOfUnknownSize() {
		byte[] content = Samples.randomWithMarkerAtEnd(8 << 20, 3);

		Verdict verdict = engine.scan(new ByteArrayInputStream(content),
				ScanContext.of(new ObjectRef.Upload("large"), ScanContext.UNKNOWN_SIZE));

		assertThat(verdict).isInstanceOf(Verdict.Infected.class);
	}

	@Test
	void shouldScanWithoutAPreviewToo() {
		IcapEngine noPreview = new IcapEngine("icap", engine.settings().withPreview(0));

		assertThat(noPreview.scan(new ByteArrayInputStream(Samples.eicar()), context(68)))
			.isInstanceOf(Verdict.Infected.class);
		byte[] clean = Samples.random(5000, 4);
		assertThat(noPreview.scan(new ByteArrayInputStream(clean), context(clean.length)))
			.isEqualTo(new Verdict.Clean());
	}

	@Test
	void shouldNameObjectsWithAnyCharacters() {
		byte[] content = "plain text, nothing to see".getBytes(StandardCharsets.UTF_8);

		Verdict verdict = engine.scan(new ByteArrayInputStream(content),
				ScanContext.of(new ObjectRef.S3Object("bucket", "dir/ä b?c#d%.txt", "v1"), content.length));

		assertThat(verdict).isEqualTo(new Verdict.Clean());
	}

	@Test
	void shouldReportTheServiceAndItsIsTag() {
		EngineInfo info = engine.probe();

		assertThat(info.engineId()).isEqualTo("icap");
		assertThat(info.product()).startsWith("C-ICAP/").contains("Antivirus service");
		assertThat(info.signatureVersion()).startsWith("CI0001-");
	}

	@Test
	void shouldReportAServerThatIsDownAsAnErrorNeverClean() {
		IcapEngine down = new IcapEngine("icap",
				IcapSettings.DEFAULTS.withServer("127.0.0.1", FreePorts.next(), "avscan"));

		assertThatThrownBy(() -> down.scan(new ByteArrayInputStream(Samples.random(100, 5)), context(100)))
			.isInstanceOfSatisfying(EngineException.class,
					(ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
		ScanReport report = EngineChain.builder()
			.engine(down)
			.build()
			.scan(new ByteArrayInputStream(Samples.random(100, 5)), context(100));
		assertThat(report.verdict()).isInstanceOfSatisfying(Verdict.Error.class,
				(error) -> assertThat(error.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
	}

	@Test
	void shouldReportAnUnknownServiceAsAnEngineFailure(CIcapServer cIcap) {
		IcapEngine wrong = new IcapEngine("icap",
				IcapSettings.DEFAULTS.withServer(cIcap.host(), cIcap.port(), "no-such-service"));

		assertThatThrownBy(() -> wrong.scan(new ByteArrayInputStream(Samples.eicar()), context(68)))
			.isInstanceOfSatisfying(EngineException.class,
					(ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.ENGINE_FAILURE));
	}

	@Test
	void shouldBeFoundThroughServiceLoaderAndScanThroughTheChain(CIcapServer cIcap) {
		ScanEngine fromRegistry = ScanEngineRegistry.load()
			.create("icap", EngineSettings
				.of(Map.of("host", cIcap.host(), "port", Integer.toString(cIcap.port()), "service", cIcap.service())));
		EngineChain chain = EngineChain.builder()
			.engine(fromRegistry)
			.engine(new IcapEngine("icap-2", engine.settings()))
			.policy(ChainPolicy.RUN_ALL)
			.build();
		byte[] zip = Samples.zip("a.com", Samples.eicar());

		ScanReport report = chain.scan(new ByteArrayInputStream(zip),
				ScanContext.of(new ObjectRef.S3Object("bucket", "a.zip", null), zip.length));

		assertThat(report.verdict()).isInstanceOf(Verdict.Infected.class);
		assertThat(report.signaturesByEngine()).containsOnlyKeys("icap", "icap-2");
		assertThat(report.engines())
			.allSatisfy((result) -> assertThat(result.info().signatureVersion()).startsWith("CI0001-"));
	}

	private static Verdict scan(byte[] content) {
		return engine.scan(new ByteArrayInputStream(content), context(content.length));
	}

	private static ScanContext context(long size) {
		return ScanContext.of(new ObjectRef.Upload("sample"), size);
	}

}
