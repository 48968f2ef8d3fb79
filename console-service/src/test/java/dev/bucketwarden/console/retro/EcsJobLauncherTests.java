package dev.bucketwarden.console.retro;

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
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The RunTask request that runs the retro agent for a job started in the console, and
 * what the SDK sends for it to an HTTP endpoint standing in for ECS.
 */
class EcsJobLauncherTests {

	private static final EcsTaskSettings SETTINGS = new EcsTaskSettings("bucketwarden", "bucketwarden-retro",
			"retro-agent", List.of("subnet-a", "subnet-b"), List.of("sg-1"), false, "LATEST", null);

	@Test
	void shouldBuildAFargateRunTaskThatRunsTheJob() {
		RunTaskRequest request = new EcsJobLauncher(client(URI.create("http://127.0.0.1:9")), SETTINGS)
			.request("retro-job-1");

		assertThat(request.cluster()).isEqualTo("bucketwarden");
		assertThat(request.taskDefinition()).isEqualTo("bucketwarden-retro");
		assertThat(request.count()).isEqualTo(1);
		assertThat(request.launchType()).isEqualTo(LaunchType.FARGATE);
		assertThat(request.startedBy()).isEqualTo("retro-job-1");
		assertThat(request.networkConfiguration().awsvpcConfiguration().subnets()).containsExactly("subnet-a",
				"subnet-b");
		assertThat(request.networkConfiguration().awsvpcConfiguration().securityGroups()).containsExactly("sg-1");
		assertThat(request.networkConfiguration().awsvpcConfiguration().assignPublicIp())
			.isEqualTo(AssignPublicIp.DISABLED);
		assertThat(request.overrides().containerOverrides()).singleElement().satisfies((container) -> {
			assertThat(container.name()).isEqualTo("retro-agent");
			assertThat(container.command()).containsExactly("run", "retro-job-1");
		});
	}

	@Test
	void shouldUseACapacityProviderWhenSet() {
		EcsTaskSettings spot = new EcsTaskSettings("c", "td", "retro-agent", List.of("s"), List.of(), true, "LATEST",
				"FARGATE_SPOT");

		RunTaskRequest request = new EcsJobLauncher(client(URI.create("http://127.0.0.1:9")), spot).request("job");

		assertThat(request.launchType()).isNull();
		assertThat(request.capacityProviderStrategy()).singleElement()
			.satisfies((item) -> assertThat(item.capacityProvider()).isEqualTo("FARGATE_SPOT"));
	}

	@Test
	void shouldRefuseSettingsWithoutClusterTaskDefinitionOrSubnets() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EcsJobLauncher(client(URI.create("http://127.0.0.1:9")),
					new EcsTaskSettings("c", "td", "retro-agent", List.of(), List.of(), false, "LATEST", null)));
	}

	@Test
	void shouldSendRunTaskAndReturnTheTaskOrRefuseWhenEcsStartsNone() throws IOException {
		List<String> bodies = new CopyOnWriteArrayList<>();
		List<String> targets = new CopyOnWriteArrayList<>();
		HttpServer ecs = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		ecs.createContext("/", (exchange) -> {
			bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			targets.add(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
			String json = (bodies.size() == 1)
					? "{\"tasks\":[{\"taskArn\":\"arn:aws:ecs:eu-west-1:1:task/bucketwarden/t1\"}],\"failures\":[]}"
					: "{\"tasks\":[],\"failures\":[{\"reason\":\"RESOURCE:ENI\",\"detail\":\"no ENI\"}]}";
			byte[] answer = json.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
			exchange.sendResponseHeaders(200, answer.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(answer);
			}
		});
		ecs.start();
		try (EcsClient client = client(URI.create("http://127.0.0.1:" + ecs.getAddress().getPort()))) {
			EcsJobLauncher launcher = new EcsJobLauncher(client, SETTINGS);

			assertThat(launcher.launch("retro-job-2"))
				.isEqualTo("ECS task arn:aws:ecs:eu-west-1:1:task/bucketwarden/t1");
			assertThat(targets).containsOnly("AmazonEC2ContainerServiceV20141113.RunTask");
			assertThat(bodies.getFirst()).contains("\"count\":1", "\"launchType\":\"FARGATE\"",
					"\"command\":[\"run\",\"retro-job-2\"]", "\"taskDefinition\":\"bucketwarden-retro\"",
					"\"cluster\":\"bucketwarden\"");
			assertThatIllegalStateException().isThrownBy(() -> launcher.launch("retro-job-3"))
				.withMessageContaining("RESOURCE:ENI");
		}
		finally {
			ecs.stop(0);
		}
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
