package dev.bucketwarden.retro.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CommandLineTests {

	@TempDir
	Path temp;

	@Test
	void shouldSeparateTheCommandItsOptionsAndSettings() {
		CommandLine line = CommandLine.parse("start", "--bucket", "one", "--bucket=two", "--all-versions",
				"--bucketwarden.retro.queue=q", "--prefix", "p/");

		assertThat(line.command()).isEqualTo("start");
		assertThat(line.all("bucket")).containsExactly("one", "two");
		assertThat(line.flag("all-versions")).isTrue();
		assertThat(line.option("prefix")).isEqualTo("p/");
		assertThat(line.settings()).containsExactly("--bucketwarden.retro.queue=q");
		assertThat(line.inherited()).containsExactly("--bucketwarden.retro.queue=q");
	}

	@Test
	void shouldTakeTheLocalStacksAddresses() throws IOException {
		Path stack = Files.writeString(this.temp.resolve("stack.properties"), """
				s3.endpoint=http\\://127.0.0.1\\:1000
				sqs.endpoint=http\\://127.0.0.1\\:1001
				sqs.retro-queue-url=http\\://127.0.0.1\\:1001/000000000000/bucketwarden-retro
				dynamodb.jobs-table=bucketwarden-jobs
				clamd.port=3310
				aws.region=us-east-1
				""");

		CommandLine line = CommandLine.parse("status", "--stack", stack.toString());

		assertThat(line.settings()).contains("--spring.cloud.aws.s3.endpoint=http://127.0.0.1:1000",
				"--bucketwarden.retro.queue=http://127.0.0.1:1001/000000000000/bucketwarden-retro",
				"--bucketwarden.retro.jobs-table=bucketwarden-jobs", "--bucketwarden.engines.clamav.port=3310",
				"--spring.cloud.aws.region.static=us-east-1");
		assertThat(line.inherited()).containsExactly("--stack=" + stack.toAbsolutePath());
	}

	@Test
	void shouldLetASettingGivenAfterTheStackWinOverTheStacksOwn() throws IOException {
		Path stack = Files.writeString(this.temp.resolve("stack.properties"),
				"sqs.retro-queue-url=http\\://127.0.0.1\\:1001/000000000000/bucketwarden-retro\n");

		CommandLine line = CommandLine.parse("run", "retro-1", "--stack=" + stack,
				"--bucketwarden.retro.queue=http://127.0.0.1:1001/000000000000/bucketwarden-retro-us-west-2");

		assertThat(line.settings()).filteredOn((setting) -> setting.startsWith("--bucketwarden.retro.queue="))
			.containsExactly(
					"--bucketwarden.retro.queue=http://127.0.0.1:1001/000000000000/bucketwarden-retro-us-west-2");
		assertThat(line.inherited()).containsExactly("--stack=" + stack.toAbsolutePath(),
				"--bucketwarden.retro.queue=http://127.0.0.1:1001/000000000000/bucketwarden-retro-us-west-2");
	}

	@Test
	void shouldParseRescanRules() {
		assertThat(StartOptions.rescan("always").mode().name()).isEqualTo("ALWAYS");
		assertThat(StartOptions.rescan("signatures-before=2026-01-01T00:00:00Z").signaturesBefore())
			.hasToString("2026-01-01T00:00:00Z");
		assertThatIllegalArgumentException().isThrownBy(() -> StartOptions.rescan("sometimes"));
		assertThatIllegalArgumentException().isThrownBy(() -> CommandLine.parse("start", "--bucket"));
	}

}
