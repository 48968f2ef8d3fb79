package dev.bucketwarden.agent.chain;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.bucketwarden.agent.config.AgentCoreAutoConfigurations;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.chain.EngineResult;
import dev.bucketwarden.engine.chain.ScanReport;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.ObjectRef;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.local.cicap.CIcapServer;
import dev.bucketwarden.local.clamd.ClamdServer;
import dev.bucketwarden.local.junit.CIcapExtension;
import dev.bucketwarden.local.junit.ClamdExtension;
import dev.bucketwarden.local.samples.Samples;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every engine in one chain, configured through agent properties as an operator would:
 * ClamAV (a real clamd), ICAP (a real c-icap over the same clamd), the premium engine,
 * and Sophos, whose daemon is not there (a closed port on 127.0.0.1: there is no Sophos
 * here), as an optional or a required member.
 */
@ExtendWith({ ClamdExtension.class, CIcapExtension.class })
class AllEnginesChainIntegrationTests {

	private static ApplicationContextRunner runner;

	@BeforeAll
	static void configure(ClamdServer clamd, CIcapServer cIcap) throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		runner = new ApplicationContextRunner().withConfiguration(AgentCoreAutoConfigurations.withAws())
			.withPropertyValues("spring.cloud.aws.region.static=eu-west-1",
					// no usage roll-ups: their last write at shutdown would go to AWS
					// itself
					"bucketwarden.usage.enabled=false", "spring.cloud.aws.credentials.access-key=test",
					"spring.cloud.aws.credentials.secret-key=test", "bucketwarden.engines.clamav.host=127.0.0.1",
					"bucketwarden.engines.clamav.port=" + clamd.port(),
					"bucketwarden.engines.icap.host=" + cIcap.host(), "bucketwarden.engines.icap.port=" + cIcap.port(),
					"bucketwarden.engines.icap.service=" + cIcap.service(),
					"bucketwarden.engines.sophos.host=127.0.0.1", "bucketwarden.engines.sophos.port=" + closedPort,
					"bucketwarden.chain.policy=RUN_ALL", "bucketwarden.chain.engines=clamav,icap,premium,sophos");
	}

	@Test
	void shouldBeCleanWithEveryRequiredEngineAndRecordTheOptionalOneThatIsDown() {
		run((chain) -> {
			ScanReport report = scan(chain, "report.txt", Samples.random(300_000, 7));
			assertThat(report.verdict()).isEqualTo(new Verdict.Clean());
			assertThat(report.engines()).extracting(EngineResult::engineId)
				.containsExactly("clamav", "icap", "premium", "sophos");
			assertThat(report.engines()).extracting((result) -> result.verdict().result().label())
				.containsExactly("Clean", "Clean", "Clean", "Error");
			assertThat(report.optionalFailures()).singleElement().satisfies((failure) -> {
				assertThat(failure.engineId()).isEqualTo("sophos");
				assertThat(((Verdict.Error) failure.verdict()).kind()).isEqualTo(ErrorKind.UNAVAILABLE);
			});
		}, "bucketwarden.chain.members.sophos.required=false");
	}

	@Test
	void shouldNeverBeCleanWhenTheRequiredSophosIsDown() {
		run((chain) -> {
			ScanReport report = scan(chain, "report.txt", Samples.random(300_000, 7));
			assertThat(report.verdict()).isInstanceOfSatisfying(Verdict.Error.class,
					(error) -> assertThat(error.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
			assertThat(report.optionalFailures()).isEmpty();
		});
	}

	@Test
	void shouldNameWhatEachEngineFound() throws IOException {
		byte[] elf = Files.readAllBytes(Path.of("/usr/bin/true"));
		run((chain) -> {
			ScanReport eicar = scan(chain, "eicar.zip", Samples.zip("eicar.com", Samples.eicar()));
			assertThat(eicar.verdict()).isInstanceOf(Verdict.Infected.class);
			// ClamAV directly and through c-icap; the premium engine sees a zip of text.
			assertThat(eicar.signaturesByEngine()).containsOnlyKeys("clamav", "icap");
			ScanReport disguised = scan(chain, "holiday.jpg", elf);
			assertThat(disguised.verdict()).isEqualTo(Verdict.Infected.of("BucketWarden.Policy.DisguisedExecutable"));
			assertThat(disguised.signaturesByEngine()).containsOnlyKeys("premium");
		}, "bucketwarden.chain.members.sophos.required=false");
	}

	private static void run(Consumer<EngineChain> test, String... properties) {
		runner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasNotFailed();
			test.accept(context.getBean(EngineChain.class));
		});
	}

	private static ScanReport scan(EngineChain chain, String name, byte[] content) {
		return chain.scan(new ByteArrayInputStream(content),
				ScanContext.of(new ObjectRef.Upload(name), content.length));
	}

}
