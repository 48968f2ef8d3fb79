package dev.bucketwarden.console.retro;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.console.regions.RegionsProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Which launcher runs a job of a region's buckets. */
class JobLaunchersTests {

	@Test
	void shouldRunEachRegionsJobsWithItsOwnLauncher() {
		JobLauncher east = named("east");
		JobLauncher west = named("west");
		JobLaunchers launchers = new JobLaunchers("us-east-1", east, Map.of("us-west-2", west));

		assertThat(launchers.of("us-east-1")).isSameAs(east);
		assertThat(launchers.of("us-west-2")).isSameAs(west);
		assertThatIllegalStateException().isThrownBy(() -> launchers.of("eu-central-1"))
			.withMessage("no agents in region eu-central-1: add it to agentRegions and deploy");
		assertThat(launchers.describe()).isEqualTo("us-east-1: east; us-west-2: west");
	}

	@Test
	void shouldRunEveryJobWithTheOneLauncherOfASingleRegion() {
		JobLauncher only = named("only");

		assertThat(JobLaunchers.single(only).of("ap-south-1")).isSameAs(only);
		assertThat(JobLaunchers.single(only).describe()).isEqualTo("only");
	}

	@Test
	void shouldBuildAFurtherRegionsLauncherOfTheConfiguredType() {
		ConsoleRetroProperties none = new ConsoleRetroProperties("jobs", ConsoleRetroProperties.LauncherType.NONE, null,
				null, Duration.ofMinutes(5));
		JobLaunchers launchers = RetroConfiguration.launchers(none, JobLauncher.NONE, "us-east-1",
				List.of(new RegionsProperties.Region("us-west-2", null, null, null, null, null)));

		assertThat(launchers.of("us-west-2")).isSameAs(JobLauncher.NONE);
	}

	private static JobLauncher named(String name) {
		return new JobLauncher() {

			@Override
			public String launch(String jobId) {
				return name;
			}

			@Override
			public String describe() {
				return name;
			}

		};
	}

}
