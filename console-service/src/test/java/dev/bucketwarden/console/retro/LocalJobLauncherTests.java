package dev.bucketwarden.console.retro;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bucketwarden.console.regions.RegionsProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The command the local launcher runs, and what it refuses. */
class LocalJobLauncherTests {

	@TempDir
	Path temp;

	@Test
	void shouldRunTheJarsRunCommandWithTheSettings() throws Exception {
		Path jar = Files.writeString(this.temp.resolve("retro-agent.jar"), "not really a jar");
		LocalJobLauncher launcher = new LocalJobLauncher(new ConsoleRetroProperties.Local(jar, "/usr/bin/java", "300m",
				List.of("--stack=/s/stack.properties"), null));

		assertThat(launcher.command("retro-1")).containsExactly("/usr/bin/java", "-Xmx300m", "-jar", jar.toString(),
				"run", "retro-1", "--stack=/s/stack.properties");
	}

	@Test
	void shouldRunAFurtherRegionsJobWithThatRegionsQueueEndpointAndName() throws Exception {
		Path jar = Files.writeString(this.temp.resolve("retro-agent.jar"), "not really a jar");
		LocalJobLauncher launcher = new LocalJobLauncher(
				new ConsoleRetroProperties.Local(
						jar, "/usr/bin/java", "300m", List.of("--bucketwarden.retro.queue=http://q/east",
								"--spring.cloud.aws.s3.endpoint=http://s3", "--bucketwarden.results.table=results"),
						null));
		RegionsProperties.Region west = new RegionsProperties.Region("us-west-2", "arn:aws:sns:us-west-2:1:t",
				URI.create("http://west-relay"), "http://q/west", null, null);

		List<String> command = launcher.forRegion(west).command("retro-1");

		assertThat(command).containsSubsequence("run", "retro-1", "--bucketwarden.results.table=results",
				"--bucketwarden.results.region=us-west-2", "--bucketwarden.retro.queue=http://q/west",
				"--spring.cloud.aws.s3.endpoint=http://west-relay");
		assertThat(command).as("each setting once: Spring would join two values")
			.doesNotContain("--bucketwarden.retro.queue=http://q/east", "--spring.cloud.aws.s3.endpoint=http://s3");
		assertThat(launcher.command("retro-1")).as("the console region's, unchanged")
			.contains("--bucketwarden.retro.queue=http://q/east");
	}

	@Test
	void shouldRefuseToStartWithoutTheJar() {
		LocalJobLauncher launcher = new LocalJobLauncher(
				new ConsoleRetroProperties.Local(this.temp.resolve("missing.jar"), null, "256m", List.of(), null));

		assertThatIllegalStateException().isThrownBy(() -> launcher.launch("retro-1"))
			.withMessageContaining("missing.jar does not exist");
		assertThatIllegalArgumentException().isThrownBy(
				() -> new LocalJobLauncher(new ConsoleRetroProperties.Local(null, null, "256m", List.of(), null)));
	}

}
