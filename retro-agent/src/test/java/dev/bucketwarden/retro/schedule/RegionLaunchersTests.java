package dev.bucketwarden.retro.schedule;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;

import dev.bucketwarden.jobs.launch.EcsTaskSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The launcher choice of scheduled jobs and what each region's launcher starts: the
 * region's queue, endpoint and name replacing the scheduler's own settings locally, and
 * the region's cluster, task definition and network on ECS.
 */
class RegionLaunchersTests {

	private static final ScheduleProperties.Region WEST = new ScheduleProperties.Region("us-west-2",
			"http://127.0.0.1:9324/000000000000/retro-west", "http://127.0.0.1:9191",
			new EcsTaskSettings("bucketwarden", "bucketwarden-retro-agent", "retro-agent", List.of("subnet-west"),
					List.of("sg-west"), false, "LATEST", null));

	@Test
	void shouldRunTheOwnRegionHereAndAFurtherRegionWithItsLauncher() {
		RegionLauncher west = (jobId) -> "west";
		RegionLaunchers launchers = RegionLaunchers.of("us-east-1",
				List.of(WEST, new ScheduleProperties.Region("us-east-1", null, null, null)), (region) -> west);

		assertThat(launchers.of(null)).as("no region: the scheduler's own").isEmpty();
		assertThat(launchers.of("us-east-1")).as("its own region, even when listed").isEmpty();
		assertThat(launchers.of("us-west-2")).containsSame(west);
		assertThatIllegalStateException().isThrownBy(() -> launchers.of("eu-central-1"))
			.withMessageContaining("no settings of region eu-central-1");
	}

	@Test
	void shouldRunALocalProcessWithTheRegionsQueueEndpointAndName() {
		LocalRegionLauncher launcher = (LocalRegionLauncher) RegionLaunchers.local(WEST, "512m",
				List.of("--bucketwarden.retro.queue=http://127.0.0.1:9324/000000000000/retro-east",
						"--spring.cloud.aws.s3.endpoint=http://127.0.0.1:9090", "--bucketwarden.retro.jobs-table=jobs"),
				null, RegionLaunchersTests.class);

		List<String> command = launcher.command("retro-1");

		assertThat(command).contains("-Xmx512m", "--bucketwarden.retro.jobs-table=jobs",
				"--bucketwarden.retro.queue=http://127.0.0.1:9324/000000000000/retro-west",
				"--spring.cloud.aws.s3.endpoint=http://127.0.0.1:9191", "--bucketwarden.results.region=us-west-2");
		assertThat(command).doesNotContain("--bucketwarden.retro.queue=http://127.0.0.1:9324/000000000000/retro-east",
				"--spring.cloud.aws.s3.endpoint=http://127.0.0.1:9090");
		int run = command.indexOf("run");
		assertThat(run).isPositive();
		assertThat(command.get(run + 1)).isEqualTo("retro-1");
	}

	@Test
	void shouldRunTheRegionsRetroTaskOnEcs() {
		try (EcsClient ecs = EcsClient.builder().region(Region.US_WEST_2).build()) {
			EcsRegionLauncher launcher = (EcsRegionLauncher) RegionLaunchers.ecs(WEST, ecs);

			RunTaskRequest request = launcher.request("retro-1");

			assertThat(request.cluster()).isEqualTo("bucketwarden");
			assertThat(request.taskDefinition()).isEqualTo("bucketwarden-retro-agent");
			assertThat(request.networkConfiguration().awsvpcConfiguration().subnets()).containsExactly("subnet-west");
			assertThat(request.networkConfiguration().awsvpcConfiguration().securityGroups())
				.containsExactly("sg-west");
			assertThat(request.overrides().containerOverrides().getFirst().command()).containsExactly("run", "retro-1");
			assertThat(Map.of("startedBy", request.startedBy())).containsEntry("startedBy", "retro-1");
		}
	}

}
