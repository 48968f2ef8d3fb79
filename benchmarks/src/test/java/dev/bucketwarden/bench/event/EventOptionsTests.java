package dev.bucketwarden.bench.event;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The event benchmark's {@code --aot} options. */
class EventOptionsTests {

	@TempDir
	Path dir;

	@Test
	void shouldRunFreshAgentsWithoutAnAotCacheByDefault() throws IOException {
		EventOptions options = EventOptions.parse(new String[] { "--agent-jar", jar() });

		assertThat(options.aot()).isEqualTo(EventOptions.Aot.OFF);
		assertThat(options.aotTrainingCount()).isEqualTo(2000);
	}

	@Test
	void shouldParseTheAotTraining() throws IOException {
		EventOptions workload = EventOptions
			.parse(new String[] { "--agent-jar", jar(), "--aot", "workload", "--aot-training-count", "300" });
		EventOptions startup = EventOptions.parse(new String[] { "--agent-jar", jar(), "--aot", "startup" });

		assertThat(workload.aot()).isEqualTo(EventOptions.Aot.WORKLOAD);
		assertThat(workload.aotTrainingCount()).isEqualTo(300);
		assertThat(startup.aot()).isEqualTo(EventOptions.Aot.STARTUP);
	}

	@Test
	void shouldRefuseAnUnknownAotTraining() throws IOException {
		String jar = jar();

		assertThatIllegalArgumentException()
			.isThrownBy(() -> EventOptions.parse(new String[] { "--agent-jar", jar, "--aot", "yes" }))
			.withMessageContaining("off, startup or workload");
	}

	@Test
	void shouldUseTheCacheOnlyWhenItMaps() {
		Path cache = this.dir.resolve("agent.aot");

		assertThat(AotTraining.useOptions(cache)).containsExactly("-XX:AOTMode=on", "-XX:AOTCache=" + cache);
		assertThat(AotTraining.trainingOptions(cache)).containsExactly("-XX:AOTCacheOutput=" + cache);
	}

	private String jar() throws IOException {
		return Files.writeString(this.dir.resolve("event-agent.jar"), "").toString();
	}

}
