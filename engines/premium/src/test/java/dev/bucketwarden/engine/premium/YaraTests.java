package dev.bucketwarden.engine.premium;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.ScanEngine;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.local.samples.Samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** YARA rules through Debian's yara tool (bin/setup installs it). */
class YaraTests {

	private static final String RULES = """
			rule BucketWardenTestString
			{
			    strings:
			        $marker = "BW-YARA-TEST-7f3a"
			    condition:
			        $marker
			}
			rule TinyPeFile
			{
			    condition:
			        uint16(0) == 0x5A4D and filesize < 1024
			}
			""";

	@Test
	void shouldReportMatchingRulesAndPassOtherContent(@TempDir Path dir) throws IOException {
		Path rules = dir.resolve("rules.yar");
		Files.writeString(rules, RULES);
		ScanEngine engine = Fixtures.engine(Map.of("yara-rules", rules.toString(), "spool-directory", dir.toString()));

		byte[] marked = Samples.random(2 << 20, 4);
		System.arraycopy("BW-YARA-TEST-7f3a".getBytes(StandardCharsets.US_ASCII), 0, marked, 1 << 20, 17);
		assertThat(Fixtures.scan(engine, "data.bin", marked))
			.isEqualTo(Verdict.Infected.of("YARA.BucketWardenTestString"));
		assertThat(Fixtures.scan(engine, "setup.exe", Fixtures.exe()))
			.isEqualTo(Verdict.Infected.of("YARA.TinyPeFile"));
		assertThat(Fixtures.scan(engine, "data.bin", Samples.random(2 << 20, 4))).isEqualTo(new Verdict.Clean());
		assertThat(engine.info().signatureVersion()).startsWith("yara:rules.yar@");
		// Policy hits and rule matches add up.
		assertThat(Fixtures.scan(engine, "invoice.pdf", Fixtures.exe()))
			.isEqualTo(Verdict.Infected.of("BucketWarden.Policy.DisguisedExecutable", "YARA.TinyPeFile"));
		try (var spooled = Files.list(dir)) {
			assertThat(spooled.map((path) -> path.getFileName().toString())).containsExactly("rules.yar");
		}
	}

	@Test
	void shouldFailWhenYaraFails(@TempDir Path dir) throws IOException {
		Path rules = dir.resolve("broken.yar");
		Files.writeString(rules, "rule Broken { condition: no_such_identifier }\n");
		ScanEngine engine = Fixtures.engine(Map.of("yara-rules", rules.toString()));
		assertThatExceptionOfType(EngineException.class)
			.isThrownBy(() -> Fixtures.scan(engine, "data.bin", Samples.random(1000, 1)))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.ENGINE_FAILURE));
	}

	@Test
	void shouldRefuseSettingsWithoutYaraOrRules(@TempDir Path dir) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Fixtures.engine(Map.of("yara-rules", dir.resolve("missing.yar").toString())));
		assertThatIllegalArgumentException().isThrownBy(() -> Fixtures
			.engine(Map.of("yara-rules", dir.toString(), "yara-command", dir.resolve("no-yara").toString())));
	}

}
