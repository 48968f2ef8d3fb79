package dev.bucketwarden.retro.worker;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;

import dev.bucketwarden.jobs.launch.EcsTaskSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The RunTask requests the ECS launcher builds, and what the SDK sends for them to an
 * HTTP endpoint standing in for ECS.
 */
class EcsWorkerLauncherTests {

	private static final EcsTaskSettings SETTINGS = new EcsTaskSettings("bucketwarden", "retro-agent:7", "retro-agent",
			List.of("subnet-a", "subnet-b"), List.of("sg-1"), false, "LATEST", null);

	@Test
	void shouldBuildAFargateRunTaskThatRunsAWorkerForTheJob() {
		List<RunTaskRequest> requests = new EcsWorkerLauncher(dummyClient(), SETTINGS).requests("retro-job-1", 3);

		assertThat(requests).singleElement().satisfies((request) -> {
			assertThat(request.cluster()).isEqualTo("bucketwarden");
			assertThat(request.taskDefinition()).isEqualTo("retro-agent:7");
			assertThat(request.count()).isEqualTo(3);
			assertThat(request.launchType()).isEqualTo(LaunchType.FARGATE);
			assertThat(request.platformVersion()).isEqualTo("LATEST");
			assertThat(request.startedBy()).isEqualTo("retro-job-1");
			assertThat(request.networkConfiguration().awsvpcConfiguration().subnets()).containsExactly("subnet-a",
					"subnet-b");
			assertThat(request.networkConfiguration().awsvpcConfiguration().securityGroups()).containsExactly("sg-1");
			assertThat(request.networkConfiguration().awsvpcConfiguration().assignPublicIp())
				.isEqualTo(AssignPublicIp.DISABLED);
			assertThat(request.overrides().containerOverrides()).singleElement().satisfies((container) -> {
				assertThat(container.name()).isEqualTo("retro-agent");
				assertThat(container.command()).containsExactly("worker", "--job", "retro-job-1");
			});
			assertThat(request.tags()).anySatisfy((tag) -> assertThat(tag.value()).isEqualTo("retro-job-1"));
		});
	}

	@Test
	void shouldSplitLargeCountsIntoCallsOfTenTasks() {
		List<RunTaskRequest> requests = new EcsWorkerLauncher(dummyClient(), SETTINGS).requests("job", 23);

		assertThat(requests).extracting(RunTaskRequest::count).containsExactly(10, 10, 3);
	}

	@Test
	void shouldUseACapacityProviderInsteadOfTheLaunchTypeWhenSet() {
		EcsTaskSettings spot = new EcsTaskSettings("c", "td", "retro-agent", List.of("s"), List.of(), true, "1.4.0",
				"FARGATE_SPOT");

		RunTaskRequest request = new EcsWorkerLauncher(dummyClient(), spot).requests("job", 1).getFirst();

		assertThat(request.launchType()).isNull();
		assertThat(request.capacityProviderStrategy()).singleElement()
			.satisfies((item) -> assertThat(item.capacityProvider()).isEqualTo("FARGATE_SPOT"));
		assertThat(request.networkConfiguration().awsvpcConfiguration().assignPublicIp())
			.isEqualTo(AssignPublicIp.ENABLED);
	}

	@Test
	void shouldRefuseSettingsWithoutClusterTaskDefinitionOrSubnets() {
		assertThatIllegalArgumentException().isThrownBy(() -> new EcsWorkerLauncher(dummyClient(),
				new EcsTaskSettings(null, "td", "c", List.of("s"), List.of(), false, "LATEST", null)));
	}

	@Test
	void shouldSendTheRunTaskCallsAndReturnTheTaskArns() throws IOException {
		List<String> bodies = new CopyOnWriteArrayList<>();
		List<String> targets = new CopyOnWriteArrayList<>();
		HttpServer ecs = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		ecs.createContext("/", (exchange) -> {
			bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			targets.add(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
			int n = bodies.size();
			byte[] answer = ("{\"tasks\":[{\"taskArn\":\"arn:aws:ecs:eu-west-1:1:task/bucketwarden/t" + n
					+ "\"}],\"failures\":[]}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
			exchange.sendResponseHeaders(200, answer.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(answer);
			}
		});
		ecs.start();
		try (EcsClient client = client(URI.create("http://127.0.0.1:" + ecs.getAddress().getPort()))) {
			List<String> tasks = new EcsWorkerLauncher(client, SETTINGS).launch("retro-job-2", 12);

			assertThat(tasks).containsExactly("arn:aws:ecs:eu-west-1:1:task/bucketwarden/t1",
					"arn:aws:ecs:eu-west-1:1:task/bucketwarden/t2");
			assertThat(targets).containsOnly("AmazonEC2ContainerServiceV20141113.RunTask");
			assertThat(bodies.getFirst()).contains("\"count\":10", "\"launchType\":\"FARGATE\"",
					"\"command\":[\"worker\",\"--job\",\"retro-job-2\"]", "\"subnets\":[\"subnet-a\",\"subnet-b\"]",
					"\"taskDefinition\":\"retro-agent:7\"");
			assertThat(bodies.get(1)).contains("\"count\":2");
		}
		finally {
			ecs.stop(0);
		}
	}

	@Test
	void shouldRaiseTheWorkerCountWithTheQueueDepth() {
		LauncherProperties launcher = new LauncherProperties(LauncherProperties.Type.ECS, 2, 10, 1000, null, SETTINGS);

		assertThat(launcher.workersFor(0)).isEqualTo(2);
		assertThat(launcher.workersFor(1500)).isEqualTo(2);
		assertThat(launcher.workersFor(4001)).isEqualTo(5);
		assertThat(launcher.workersFor(1_000_000)).isEqualTo(10);
	}

	private static EcsClient dummyClient() {
		return client(URI.create("http://127.0.0.1:9"));
	}

	private static EcsClient client(URI endpoint) {
		return EcsClient.builder()
			.endpointOverride(endpoint)
			.region(Region.EU_WEST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
			.httpClient(UrlConnectionHttpClient.create())
			.build();
	}

}
