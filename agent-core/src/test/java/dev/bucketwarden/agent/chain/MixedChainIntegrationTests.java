package dev.bucketwarden.agent.chain;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.bucketwarden.agent.config.AgentCoreAutoConfigurations;
import dev.bucketwarden.agent.tagging.ResultTags;
import dev.bucketwarden.engine.chain.EngineChain;
import dev.bucketwarden.engine.chain.EngineResult;
import dev.bucketwarden.engine.chain.ScanReport;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.ObjectRef;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.ScanEngineProvider;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.local.clamd.ClamdServer;
import dev.bucketwarden.local.junit.ClamdExtension;
import dev.bucketwarden.local.samples.Samples;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chains of the real ClamAV engine (a real clamd), the premium engine and a test engine
 * that fails or hangs, configured through agent properties as an operator would.
 */
@ExtendWith(ClamdExtension.class)
class MixedChainIntegrationTests {

	private static ApplicationContextRunner runner;

	private static final byte[] ELF = elf();

	@BeforeAll
	static void configure(ClamdServer clamd) {
		runner = new ApplicationContextRunner().withConfiguration(AgentCoreAutoConfigurations.withAws())
			.withBean("flakyEngineProvider", ScanEngineProvider.class, FlakyEngineProvider::new)
			.withPropertyValues("spring.cloud.aws.region.static=eu-west-1",
					// no usage roll-ups: their last write at shutdown would go to AWS
					// itself
					"bucketwarden.usage.enabled=false", "spring.cloud.aws.credentials.access-key=test",
					"spring.cloud.aws.credentials.secret-key=test", "bucketwarden.engines.clamav.host=127.0.0.1",
					"bucketwarden.engines.clamav.port=" + clamd.port());
	}

	@Test
	void shouldStayCleanWhenAnOptionalEngineIsDownAndSaySo() {
		run((chain) -> {
			ScanReport report = scan(chain, "report.txt", "Quarterly figures\n".getBytes());
			assertThat(report.verdict()).isEqualTo(new Verdict.Clean());
			assertThat(report.engines()).extracting(EngineResult::engineId)
				.containsExactly("clamav", "premium", "flaky");
			assertThat(report.optionalFailures()).singleElement().satisfies((failure) -> {
				assertThat(failure.engineId()).isEqualTo("flaky");
				assertThat(((Verdict.Error) failure.verdict()).kind()).isEqualTo(ErrorKind.UNAVAILABLE);
			});
			assertThat(ResultTags.engines(report.engines())).last().isEqualTo("flaky:Error");
		}, "bucketwarden.chain.engines=clamav,premium,flaky", "bucketwarden.chain.members.flaky.required=false",
				"bucketwarden.chain.policy=RUN_ALL");
	}

	@Test
	void shouldNameWhatEachEngineFound() {
		run((chain) -> {
			ScanReport eicar = scan(chain, "eicar.com", Samples.eicar());
			assertThat(eicar.signaturesByEngine()).containsOnlyKeys("clamav");
			ScanReport disguised = scan(chain, "holiday.jpg", ELF);
			assertThat(disguised.verdict()).isEqualTo(Verdict.Infected.of("BucketWarden.Policy.DisguisedExecutable"));
			assertThat(disguised.signaturesByEngine()).containsOnlyKeys("premium");
			assertThat(disguised.engines()).extracting((result) -> result.verdict().result().label())
				.containsExactly("Clean", "Infected", "Error");
		}, "bucketwarden.chain.engines=clamav,premium,flaky", "bucketwarden.chain.members.flaky.required=false",
				"bucketwarden.chain.policy=RUN_ALL");
	}

	@Test
	void shouldStopAtTheFirstInfectedEngineByDefault() {
		run((chain) -> {
			ScanReport report = scan(chain, "eicar.com", Samples.eicar());
			assertThat(report.verdict()).isInstanceOf(Verdict.Infected.class);
			assertThat(report.engines()).extracting(EngineResult::engineId).containsExactly("clamav");
		}, "bucketwarden.chain.engines=clamav,premium,flaky");
	}

	@Test
	void shouldNeverBeCleanWhenARequiredEngineHangs() {
		run((chain) -> {
			long start = System.nanoTime();
			ScanReport report = scan(chain, "report.txt", Samples.random(200_000, 3));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
			assertThat(report.verdict()).isInstanceOfSatisfying(Verdict.Error.class,
					(error) -> assertThat(error.kind()).isEqualTo(ErrorKind.TIMEOUT));
			assertThat(report.engines()).extracting((result) -> result.verdict().result().label())
				.containsExactly("Error", "Clean", "Clean");
		}, "bucketwarden.chain.engines=flaky,clamav,premium", "bucketwarden.engines.flaky.mode=hang",
				"bucketwarden.chain.members.flaky.timeout=500ms");
	}

	@Test
	void shouldGoOnWhenAnOptionalEngineHangs() {
		run((chain) -> {
			ScanReport report = scan(chain, "report.txt", Samples.random(200_000, 3));
			assertThat(report.verdict()).isEqualTo(new Verdict.Clean());
			assertThat(report.optionalFailures()).extracting(EngineResult::engineId).containsExactly("flaky");
		}, "bucketwarden.chain.engines=flaky,clamav,premium", "bucketwarden.engines.flaky.mode=hang",
				"bucketwarden.chain.members.flaky.required=false", "bucketwarden.chain.members.flaky.timeout=500ms");
	}

	@Test
	void shouldNeverBeCleanWhenTheRequiredPremiumEngineCannotLoadItsBlocklist(ClamdServer clamd) throws IOException {
		Path missing = Files.createTempDirectory("bw").resolve("missing-blocklist.txt");
		run((chain) -> {
			ScanReport report = scan(chain, "report.txt", "Quarterly figures\n".getBytes());
			assertThat(report.verdict()).isInstanceOfSatisfying(Verdict.Error.class,
					(error) -> assertThat(error.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
		}, "bucketwarden.chain.engines=clamav,premium", "bucketwarden.engines.premium.blocklist=" + missing);
		run((chain) -> {
			ScanReport report = scan(chain, "report.txt", "Quarterly figures\n".getBytes());
			assertThat(report.verdict()).isEqualTo(new Verdict.Clean());
			assertThat(report.optionalFailures()).extracting(EngineResult::engineId).containsExactly("premium");
		}, "bucketwarden.chain.engines=clamav,premium", "bucketwarden.chain.members.premium.required=false",
				"bucketwarden.engines.premium.blocklist=" + missing);
	}

	@Test
	void shouldApplyAPremiumPolicyOfOneBucketFromAgentProperties() {
		run((chain) -> {
			ScanContext artifacts = ScanContext.of(new ObjectRef.S3Object("build.artifacts", "bin/tool", null),
					ELF.length);
			assertThat(chain.scan(new ByteArrayInputStream(ELF), artifacts).verdict())
				.isEqualTo(Verdict.Infected.of("BucketWarden.Policy.BlockedType.Executable"));
			ScanContext uploads = ScanContext.of(new ObjectRef.S3Object("uploads", "bin/tool", null), ELF.length);
			assertThat(chain.scan(new ByteArrayInputStream(ELF), uploads).verdict()).isEqualTo(new Verdict.Clean());
		}, "bucketwarden.chain.engines=clamav,premium",
				"bucketwarden.engines.premium.buckets.build.artifacts.blocked-executable=INFECTED");
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

	private static byte[] elf() {
		try {
			return Files.readAllBytes(Path.of("/usr/bin/true"));
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
