package dev.bucketwarden.local.clamd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bucketwarden.local.samples.Samples;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticSignaturesIntegrationTests {

	private static final SyntheticSignatures SIGNATURES = new SyntheticSignatures(2000, 200, 20261206L);

	@TempDir
	Path workDir;

	@Test
	void shouldLoadSyntheticSignaturesBesideOurOwnAndStillDetectEicar() throws IOException {
		long ownSignatures;
		try (ClamdServer plain = ClamdServer.start(ClamdOptions.in(this.workDir.resolve("plain")))) {
			ownSignatures = plain.databaseLoad().signatures();
		}
		try (ClamdServer clamd = ClamdServer
			.start(ClamdOptions.in(this.workDir.resolve("synthetic")).withSignatures(SIGNATURES))) {
			DatabaseLoad load = clamd.databaseLoad();
			assertThat(ownSignatures).isPositive();
			assertThat(load.signatures()).isEqualTo(ownSignatures + 2200);
			assertThat(load.rssBytes()).isPositive();
			assertThat(load.loaded()).isPositive();
			assertThat(load.written()).isPositive();

			Path files = Files.createDirectories(this.workDir.resolve("files"));
			assertThat(scan(clamd, Files.write(files.resolve("eicar"), Samples.eicar())))
				.contains("BucketWarden.Test.Eicar")
				.endsWith("FOUND");
			for (int i = 0; i < 5; i++) {
				Path random = Files.write(files.resolve("random-" + i), Samples.random(256 * 1024, i));
				assertThat(scan(clamd, random)).endsWith(": OK");
			}
			// A body signature is live, not only counted: content carrying its pattern is
			// found by its name.
			List<String> body = Files
				.readAllLines(this.workDir.resolve("synthetic/db").resolve(SyntheticSignatures.BODY_FILE));
			String[] signature = body.get(123).split(":");
			byte[] content = Samples.random(4096, 99);
			byte[] pattern = HexFormat.of().parseHex(signature[3]);
			System.arraycopy(pattern, 0, content, 1000, pattern.length);
			assertThat(scan(clamd, Files.write(files.resolve("carrier"), content))).contains(signature[0])
				.endsWith("FOUND");
		}
	}

	private static String scan(ClamdServer clamd, Path file) {
		return clamd.command("SCAN " + file.toAbsolutePath()).strip();
	}

}
