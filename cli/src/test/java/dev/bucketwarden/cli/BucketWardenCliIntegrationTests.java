package dev.bucketwarden.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.bucketwarden.local.clamd.ClamdServer;
import dev.bucketwarden.local.junit.ClamdExtension;
import dev.bucketwarden.local.samples.Samples;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ClamdExtension.class)
class BucketWardenCliIntegrationTests {

	@TempDir
	Path dir;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void shouldPrintAVerdictPerFileAndExitWithTheWorstResult(ClamdServer clamd) throws IOException {
		for (Map.Entry<String, byte[]> sample : Samples.demoSet().entrySet()) {
			Files.write(this.dir.resolve(sample.getKey()), sample.getValue());
		}

		int status = run("scan", "--clamd", clamd.host() + ":" + clamd.port(), this.dir.toString());

		String output = this.out.toString(StandardCharsets.UTF_8);
		assertThat(status).isEqualTo(2);
		assertThat(line(output, "report.txt")).startsWith("Clean");
		assertThat(line(output, "eicar.com")).startsWith("Infected").contains("BucketWarden.Test.Eicar");
		assertThat(line(output, "eicar-nested.zip")).startsWith("Infected");
		assertThat(line(output, "invoice-encrypted.zip")).startsWith("Unscannable").contains("ENCRYPTED");
		assertThat(line(output, "marker-at-end-8MiB.bin")).startsWith("Infected");
	}

	@Test
	void shouldExitZeroWhenEverythingIsClean(ClamdServer clamd) throws IOException {
		Files.write(this.dir.resolve("a.bin"), Samples.random(1000, 1));

		assertThat(run("scan", "--clamd", clamd.host() + ":" + clamd.port(), this.dir.toString())).isZero();
	}

	@Test
	void shouldExplainAnUnknownEngine() {
		assertThat(run("scan", "--engine", "nope", this.dir.toString())).isEqualTo(64);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("Unknown scan engine 'nope'")
			.contains("[clamav, icap, premium, sophos]");
	}

	private int run(String... args) {
		return BucketWardenCli.run(List.of(args), new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	private static String line(String output, String file) {
		return output.lines().filter((line) -> line.contains("/" + file + " ")).findFirst().orElseThrow();
	}

}
