package dev.bucketwarden.console.retro;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
	void shouldRefuseToStartWithoutTheJar() {
		LocalJobLauncher launcher = new LocalJobLauncher(
				new ConsoleRetroProperties.Local(this.temp.resolve("missing.jar"), null, "256m", List.of(), null));

		assertThatIllegalStateException().isThrownBy(() -> launcher.launch("retro-1"))
			.withMessageContaining("missing.jar does not exist");
		assertThatIllegalArgumentException().isThrownBy(
				() -> new LocalJobLauncher(new ConsoleRetroProperties.Local(null, null, "256m", List.of(), null)));
	}

}
