package dev.bucketwarden.jobs.launch;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The RunTask requests of the one launcher of the retro agent's tasks: the caller's
 * command, the job's tag, group and environment, and calls of at most ten tasks.
 */
class EcsTaskLauncherTests {

	private static final EcsTaskSettings SETTINGS = new EcsTaskSettings("bucketwarden", "retro-agent:7", "retro-agent",
			List.of("subnet-a"), List.of("sg-1"), false, "LATEST", null);

	@Test
	void shouldRunTheCallersCommandTaggedWithTheJob() {
		List<RunTaskRequest> requests = launcher(SETTINGS).requests("retro-job-1", 1, List.of("run", "retro-job-1"));

		assertThat(requests).singleElement().satisfies((request) -> {
			assertThat(request.launchType()).isEqualTo(LaunchType.FARGATE);
			assertThat(request.group()).isEqualTo("bucketwarden-retro");
			assertThat(request.tags()).singleElement().satisfies((tag) -> {
				assertThat(tag.key()).isEqualTo("bucketwarden:retro-job");
				assertThat(tag.value()).isEqualTo("retro-job-1");
			});
			assertThat(request.overrides().containerOverrides()).singleElement().satisfies((container) -> {
				assertThat(container.command()).containsExactly("run", "retro-job-1");
				assertThat(container.environment()).singleElement()
					.satisfies((variable) -> assertThat(variable.value()).isEqualTo("retro-job-1"));
			});
		});
	}

	@Test
	void shouldStartAtMostTenTasksPerCallAndKeepTheLast36CharactersOfTheJobId() {
		String jobId = "retro-20261206-090000-0123456789abcdef";

		List<RunTaskRequest> requests = launcher(SETTINGS).requests(jobId, 21, List.of("worker", "--job", jobId));

		assertThat(requests).extracting(RunTaskRequest::count).containsExactly(10, 10, 1);
		assertThat(requests.getFirst().startedBy()).hasSize(36).isEqualTo(jobId.substring(jobId.length() - 36));
	}

	@Test
	void shouldRefuseIncompleteSettingsNamingWhereTheyAreBound() {
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> new EcsTaskLauncher(client(),
							new EcsTaskSettings("c", null, "retro-agent", List.of("s"), List.of(), false, "LATEST",
									null),
							"bucketwarden.console.retro.ecs"))
			.withMessage("bucketwarden.console.retro.ecs needs cluster, task-definition and subnets");
	}

	private static EcsTaskLauncher launcher(EcsTaskSettings settings) {
		return new EcsTaskLauncher(client(), settings, "test");
	}

	private static EcsClient client() {
		return EcsClient.builder()
			.endpointOverride(URI.create("http://127.0.0.1:9"))
			.region(Region.EU_WEST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
			.httpClient(UrlConnectionHttpClient.create())
			.build();
	}

}
