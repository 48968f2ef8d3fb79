package dev.bucketwarden.engine.icap;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.chain.ScanReport;
import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.ObjectRef;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.local.cicap.CIcapOptions;
import dev.bucketwarden.local.cicap.CIcapServer;
import dev.bucketwarden.local.clamd.ClamdOptions;
import dev.bucketwarden.local.clamd.ClamdServer;
import dev.bucketwarden.local.samples.Samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A real c-icap whose scanner breaks: never a clean verdict. These tests start their own
 * clamd and c-icap so they can break them.
 */
class IcapFailureIntegrationTests {

	@TempDir
	Path workDir;

	/**
	 * c-icap's virus_scan started while clamd is unreachable has no engine and answers
	 * 204 to everything, EICAR included. The self-test catches it.
	 */
	@Test
	void shouldRefuseAServiceThatPassesTheEicarTestFile() {
		Path noClamd = this.workDir.resolve("no-clamd.sock");
		try (CIcapServer cIcap = CIcapServer.start(CIcapOptions.in(this.workDir.resolve("c-icap"), noClamd))) {
			IcapSettings settings = IcapSettings.DEFAULTS.withServer(cIcap.host(), cIcap.port(), cIcap.service());

			// What the service does without the self-test: EICAR passes as clean.
			IcapEngine trusting = new IcapEngine("icap", settings.withSelfTest(false));
			assertThat(trusting.scan(new ByteArrayInputStream(Samples.eicar()), context(68)))
				.isEqualTo(new Verdict.Clean());
			// With it (the default), nothing is scanned there.
			IcapEngine engine = new IcapEngine("icap", settings);
			assertThatThrownBy(() -> engine.scan(new ByteArrayInputStream(Samples.eicar()), context(68)))
				.isInstanceOfSatisfying(EngineException.class, (ex) -> {
					assertThat(ex.kind()).isEqualTo(ErrorKind.ENGINE_FAILURE);
					assertThat(ex.getMessage()).contains("EICAR");
				});
			assertThatThrownBy(engine::probe).isInstanceOf(EngineException.class);
		}
	}

	/**
	 * clamd dies after c-icap started: c-icap fails the request, the engine reports it.
	 */
	@Test
	void shouldReportAScannerThatDiedBehindTheServiceAsAnError() {
		try (ClamdServer clamd = ClamdServer.start(ClamdOptions.in(this.workDir.resolve("clamd")));
				CIcapServer cIcap = CIcapServer
					.start(CIcapOptions.in(this.workDir.resolve("c-icap"), clamd.socket()))) {
			IcapEngine engine = new IcapEngine("icap",
					IcapSettings.DEFAULTS.withServer(cIcap.host(), cIcap.port(), cIcap.service()));
			assertThat(engine.scan(new ByteArrayInputStream(Samples.eicar()), context(68)))
				.isInstanceOf(Verdict.Infected.class);

			clamd.kill();
			byte[] content = Samples.random(100_000, 1);
			ScanReport report = EngineChain.builder()
				.engine(engine)
				.build()
				.scan(new ByteArrayInputStream(content), context(content.length));

			assertThat(report.verdict()).isInstanceOf(Verdict.Error.class);
		}
	}

	/** c-icap itself is killed: unavailable. */
	@Test
	void shouldReportAKilledServerAsUnavailable() {
		try (ClamdServer clamd = ClamdServer.start(ClamdOptions.in(this.workDir.resolve("clamd")));
				CIcapServer cIcap = CIcapServer
					.start(CIcapOptions.in(this.workDir.resolve("c-icap"), clamd.socket()))) {
			IcapEngine engine = new IcapEngine("icap",
					IcapSettings.DEFAULTS.withServer(cIcap.host(), cIcap.port(), cIcap.service()));
			engine.probe();

			cIcap.kill();

			assertThat(cIcap.isRunning()).isFalse();
			assertThatThrownBy(() -> engine.scan(new ByteArrayInputStream(Samples.eicar()), context(68)))
				.isInstanceOfSatisfying(EngineException.class,
						(ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
		}
	}

	private static ScanContext context(long size) {
		return ScanContext.of(new ObjectRef.Upload("sample"), size);
	}

}
