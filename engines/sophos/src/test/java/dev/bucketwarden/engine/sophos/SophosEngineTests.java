package dev.bucketwarden.engine.sophos;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.chain.ScanReport;
import dev.bucketwarden.engine.sophos.SsspTestServer.Fault;
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
import dev.bucketwarden.local.samples.Samples;
import dev.bucketwarden.local.support.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Sophos engine against the SSSP test server, which follows the protocol. */
class SophosEngineTests {

	private SsspTestServer server;

	private SophosEngine engine;

	@BeforeEach
	void start() throws IOException {
		this.server = new SsspTestServer();
		this.engine = new SophosEngine("sophos", SophosSettings.DEFAULTS.withTcp("127.0.0.1", this.server.port())
			.withReadTimeout(Duration.ofSeconds(5)));
	}

	@AfterEach
	void stop() throws IOException {
		this.server.close();
	}

	@Test
	void shouldPassCleanData() {
		assertThat(scan(Samples.random(300_000, 1))).isEqualTo(new Verdict.Clean());
		// One session: greeting, options, SCANDATA with the exact length, BYE.
		assertThat(this.server.requests()).containsExactly("SSSP/1.0 OPTIONS", "savigrp:GrpArchiveUnpack 1", "",
				"SSSP/1.0 SCANDATA 300000", "BYE");
	}

	@Test
	void shouldPassEmptyContent() {
		assertThat(scan(new byte[0])).isEqualTo(new Verdict.Clean());
	}

	@Test
	void shouldFindEicarAndNameIt() {
		assertThat(scan(Samples.eicar())).isEqualTo(Verdict.Infected.of(SsspTestServer.EICAR_NAME));
	}

	@Test
	void shouldReportEveryVirusFound() {
		byte[] content = ("head SOPHOS-TEST-VIRUS:Troj/Agent-A; middle SOPHOS-TEST-VIRUS:Mal/Generic-S; "
				+ new String(Samples.eicar(), StandardCharsets.ISO_8859_1) + " tail")
			.getBytes(StandardCharsets.ISO_8859_1);

		assertThat(scan(content)).isEqualTo(Verdict.Infected.of("EICAR-AV-Test", "Troj/Agent-A", "Mal/Generic-S"));
	}

	@Test
	void shouldLookInsideArchivesThroughTheDefaultOptions() {
		byte[] zip = Samples.zip("docs/readme.com", Samples.eicar());

		assertThat(scan(zip)).isEqualTo(Verdict.Infected.of(SsspTestServer.EICAR_NAME));
		SophosEngine withoutOptions = new SophosEngine("sophos", this.engine.settings().withOptions(List.of()));
		// The test server, like SAVI, does not unpack without the option: the zip alone
		// is
		// clean to it. This is why the option is on by default.
		assertThat(withoutOptions.scan(new ByteArrayInputStream(zip), context(zip.length)))
			.isEqualTo(new Verdict.Clean());
	}

	@Test
	void shouldCallAnItemSaviCannotDecryptUnscannable() {
		assertThat(scan("SOPHOS-TEST-ENCRYPTED".getBytes(StandardCharsets.US_ASCII)))
			.isInstanceOfSatisfying(Verdict.Unscannable.class, (verdict) -> {
				assertThat(verdict.reason()).isEqualTo(UnscannableReason.ENCRYPTED);
				assertThat(verdict.detail()).contains("0212");
			});
	}

	@Test
	void shouldSpoolContentOfUnknownLengthAndScanAllOfIt() {
		byte[] content = Samples.random(2 << 20, 3);
		byte[] withVirusAtEnd = concat(content, "SOPHOS-TEST-VIRUS:Tail-Virus;".getBytes(StandardCharsets.US_ASCII));

		Verdict verdict = this.engine.scan(new ByteArrayInputStream(withVirusAtEnd),
				ScanContext.of(new ObjectRef.Upload("unknown"), ScanContext.UNKNOWN_SIZE));

		assertThat(verdict).isEqualTo(Verdict.Infected.of("Tail-Virus"));
		assertThat(this.server.requests()).contains("SSSP/1.0 SCANDATA " + withVirusAtEnd.length);
	}

	@Test
	void shouldAcceptCrLfLineEnds() {
		this.server.crlf(true);

		assertThat(scan(Samples.eicar())).isEqualTo(Verdict.Infected.of(SsspTestServer.EICAR_NAME));
		assertThat(scan(Samples.random(1000, 2))).isEqualTo(new Verdict.Clean());
	}

	@Test
	void shouldCallDataSavdiRefusesAsTooMuchUnscannable() {
		this.server.maxScanData(1000);

		assertThat(scan(Samples.random(1001, 4))).isInstanceOfSatisfying(Verdict.Unscannable.class,
				(verdict) -> assertThat(verdict.reason()).isEqualTo(UnscannableReason.TOO_LARGE));
	}

	@Test
	void shouldCallContentOverItsOwnLimitUnscannableWithoutReadingIt() {
		SophosEngine limited = new SophosEngine("sophos", this.engine.settings().withMaxDataSize(1000));
		InputStream unreadable = new InputStream() {
			@Override
			public int read() {
				throw new AssertionError("content over the limit must not be read");
			}
		};

		assertThat(limited.scan(unreadable, context(1001))).isInstanceOfSatisfying(Verdict.Unscannable.class,
				(verdict) -> assertThat(verdict.reason()).isEqualTo(UnscannableReason.TOO_LARGE));
		assertThat(limited.scan(new ByteArrayInputStream(Samples.random(5000, 5)),
				ScanContext.of(new ObjectRef.Upload("unknown"), ScanContext.UNKNOWN_SIZE)))
			.isInstanceOf(Verdict.Unscannable.class);
		assertThat(this.server.requests()).isEmpty();
	}

	@Test
	void shouldRefuseContentShorterOrLongerThanDeclared() {
		byte[] content = Samples.random(1000, 6);

		assertThatThrownBy(() -> this.engine.scan(new ByteArrayInputStream(content), context(2000)))
			.isInstanceOfSatisfying(EngineException.class,
					(ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.CONTENT_READ));
		assertThatThrownBy(() -> this.engine.scan(new ByteArrayInputStream(content), context(500)))
			.isInstanceOfSatisfying(EngineException.class,
					(ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.CONTENT_READ));
	}

	@Test
	void shouldReportAFailedRequestAsAnEngineFailure() {
		this.server.fault(Fault.DONE_FAIL);

		assertThatThrownBy(() -> scan(Samples.random(100, 7))).isInstanceOfSatisfying(EngineException.class, (ex) -> {
			assertThat(ex.kind()).isEqualTo(ErrorKind.ENGINE_FAILURE);
			assertThat(ex.getMessage()).contains("DONE FAIL 021E");
		});
	}

	@Test
	void shouldFailWhenSavdiRefusesTheOptions() {
		this.server.fault(Fault.REJECT_OPTIONS);

		assertThatThrownBy(() -> scan(Samples.random(100, 8))).isInstanceOfSatisfying(EngineException.class, (ex) -> {
			assertThat(ex.kind()).isEqualTo(ErrorKind.ENGINE_FAILURE);
			assertThat(ex.getMessage()).contains("REJ 3");
		});
	}

	@ParameterizedTest
	@EnumSource(value = Fault.class, names = { "FOREIGN_GREETING", "GREETING_VERSION_2", "GARBAGE_REPLY",
			"TRUNCATED_REPLY", "CUT_LINE", "NO_DONE", "MALFORMED_DONE", "OVERLONG_LINE" })
	void shouldReportMalformedAndTruncatedRepliesAsProtocolErrors(Fault fault) {
		this.server.fault(fault);

		// EICAR: even a truncated reply that named the virus is not taken as a whole
		// answer.
		assertThatThrownBy(() -> scan(Samples.eicar())).isInstanceOfSatisfying(EngineException.class,
				(ex) -> assertThat(ex.kind()).as(ex.getMessage()).isEqualTo(ErrorKind.PROTOCOL));
	}

	@Test
	void shouldReportADisconnectAsUnavailable() {
		this.server.fault(Fault.DISCONNECT_AFTER_ACC);

		assertThatThrownBy(() -> scan(Samples.random(4 << 20, 9))).isInstanceOfSatisfying(EngineException.class,
				(ex) -> assertThat(ex.kind()).as(ex.getMessage()).isEqualTo(ErrorKind.UNAVAILABLE));
	}

	@Test
	void shouldReportAServerThatIsDownAsUnavailable() {
		SophosEngine down = new SophosEngine("sophos", SophosSettings.DEFAULTS.withTcp("127.0.0.1", FreePorts.next()));

		assertThatThrownBy(() -> down.scan(new ByteArrayInputStream(Samples.eicar()), context(68)))
			.isInstanceOfSatisfying(EngineException.class,
					(ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
		assertThatThrownBy(down::probe).isInstanceOf(EngineException.class);
	}

	@Test
	void shouldTimeOutOnAServerThatNeverAnswers() {
		this.server.fault(Fault.SILENT_AFTER_DATA);
		SophosEngine impatient = new SophosEngine("sophos",
				this.engine.settings().withReadTimeout(Duration.ofMillis(300)));
		long start = System.nanoTime();

		assertThatThrownBy(() -> impatient.scan(new ByteArrayInputStream(Samples.eicar()), context(68)))
			.isInstanceOfSatisfying(EngineException.class, (ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.TIMEOUT));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void shouldStopAtTheScanTimeoutWhateverTheReadTimeout() {
		this.server.fault(Fault.SILENT_AFTER_DATA);
		ScanContext shortScan = context(68)
			.withLimits(new dev.bucketwarden.engine.spi.ScanLimits(Long.MAX_VALUE, Duration.ofMillis(300)));

		assertThatThrownBy(() -> this.engine.scan(new ByteArrayInputStream(Samples.eicar()), shortScan))
			.isInstanceOfSatisfying(EngineException.class, (ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.TIMEOUT));
	}

	@Test
	void shouldScanOverAUnixSocket(@TempDir Path dir) throws IOException {
		Path socket = dir.resolve("sssp.sock");
		try (SsspTestServer unix = new SsspTestServer(socket)) {
			SophosEngine overSocket = new SophosEngine("sophos", SophosSettings.DEFAULTS.withSocket(socket));

			assertThat(overSocket.scan(new ByteArrayInputStream(Samples.eicar()), context(68)))
				.isEqualTo(Verdict.Infected.of(SsspTestServer.EICAR_NAME));
			assertThat(overSocket.probe().product()).isEqualTo("Sophos SAVI 5.99.0");
		}
	}

	@Test
	void shouldReportProductAndSignatureVersion() {
		EngineInfo info = this.engine.probe();

		assertThat(info).isEqualTo(new EngineInfo("sophos", "Sophos SAVI 5.99.0", "5ab3c0de", null));
		assertThat(this.engine.info()).isEqualTo(info);
	}

	@Test
	void shouldBeFoundThroughServiceLoaderAndNeverCleanInTheChainWhenBroken() {
		ScanEngine fromRegistry = ScanEngineRegistry.load()
			.create("sophos", EngineSettings.of(Map.of("host", "127.0.0.1", "port",
					Integer.toString(this.server.port()), "options", "savigrp:GrpArchiveUnpack 1; output:brief")));
		EngineChain chain = EngineChain.builder().engine(fromRegistry).build();
		byte[] clean = Samples.random(10_000, 10);

		ScanReport report = chain.scan(new ByteArrayInputStream(clean),
				ScanContext.of(new ObjectRef.S3Object("bucket", "a.bin", null), clean.length));
		assertThat(report.verdict()).isEqualTo(new Verdict.Clean());
		assertThat(this.server.requests()).contains("output:brief");

		this.server.fault(Fault.GARBAGE_REPLY);
		ScanReport broken = chain.scan(new ByteArrayInputStream(clean),
				ScanContext.of(new ObjectRef.S3Object("bucket", "a.bin", null), clean.length));
		assertThat(broken.verdict()).isInstanceOfSatisfying(Verdict.Error.class,
				(error) -> assertThat(error.kind()).isEqualTo(ErrorKind.PROTOCOL));
	}

	private Verdict scan(byte[] content) {
		return this.engine.scan(new ByteArrayInputStream(content), context(content.length));
	}

	private static ScanContext context(long size) {
		return ScanContext.of(new ObjectRef.Upload("sample"), size);
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] all = new byte[a.length + b.length];
		System.arraycopy(a, 0, all, 0, a.length);
		System.arraycopy(b, 0, all, a.length, b.length);
		return all;
	}

}
