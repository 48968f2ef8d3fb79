package dev.bucketwarden.infra.aws;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Where the task definitions take their images: by default the services' Jib tarballs
 * (bin/image) and the sidecar's Dockerfile folder as assets; without a Docker daemon,
 * with {@code imageRepository} and {@code imageTag}, the images bin/image pushed to ECR,
 * which the execution roles may pull from those repositories only.
 */
class ImageSourceTests {

	@Test
	void shouldTakeTheServicesJibTarballsAndTheSidecarsDockerfile() throws IOException {
		Path outdir = SynthesizedApp.get().outdir();
		Map<?, ?> assets = new com.fasterxml.jackson.databind.ObjectMapper()
			.readValue(outdir.resolve("BucketWarden-Console.assets.json").toFile(), Map.class);
		List<Map<?, ?>> sources = ((Map<?, ?>) assets.get("dockerImages")).values()
			.stream()
			.<Map<?, ?>>map((image) -> (Map<?, ?>) ((Map<?, ?>) image).get("source"))
			.toList();
		// A tarball is loaded by an executable (docker load); the sidecar is a build
		// folder.
		assertThat(sources).hasSize(5);
		assertThat(sources.stream().filter((source) -> source.containsKey("executable")).count()).isEqualTo(4);
		List<Map<?, ?>> folders = sources.stream().filter((source) -> source.containsKey("directory")).toList();
		assertThat(folders).hasSize(1);
		Path sidecar = outdir.resolve(String.valueOf(folders.get(0).get("directory")));
		assertThat(sidecar.resolve("Dockerfile")).exists();
		assertThat(sidecar.resolve("clamd.conf")).exists();
		try (Stream<Path> staged = Files.list(outdir)) {
			assertThat(staged.map((path) -> path.getFileName().toString()).filter((name) -> name.endsWith(".tar")))
				.hasSize(4);
		}
	}

	@Test
	void shouldRefuseAServiceWhoseTarballIsNotBuilt() throws IOException {
		Path checkout = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "checkout");
		App app = new App(AppProps.builder().context(context()).outdir(outdir().toString()).build());
		assertThatIllegalStateException().isThrownBy(() -> BucketWardenApp.build(app, checkout))
			.withMessageContaining("bin/image");
	}

	@Test
	void shouldUseThePushedImagesAndNoDockerAssets() throws IOException {
		Map<String, Object> context = context();
		context.put("imageRepository", "bucketwarden");
		context.put("imageTag", "1.4.2");
		Path outdir = outdir();
		App app = new App(AppProps.builder().context(context).outdir(outdir.toString()).build());
		BucketWardenApp built = BucketWardenApp.build(app, SynthesizedApp.REPOSITORY);
		Map<String, Object> console = Template.fromStack(built.console()).toJSON();
		app.synth();

		List<String> images = Cfn.resources(console, "AWS::ECS::TaskDefinition")
			.values()
			.stream()
			.flatMap((task) -> Cfn.list(task.get("ContainerDefinitions")).stream())
			.map((container) -> Cfn.text(Cfn.path(container, "Image")))
			.distinct()
			.toList();
		String registry = SynthesizedApp.ACCOUNT + ".dkr.ecr." + SynthesizedApp.CONSOLE_REGION
				+ ".${AWS::URLSuffix}/bucketwarden/";
		assertThat(images).containsExactlyInAnyOrder(registry + "event-agent:1.4.2", registry + "api-agent:1.4.2",
				registry + "retro-agent:1.4.2", registry + "console-service:1.4.2", registry + "clamav:1.4.2");
		// No image for cdk deploy to build (file assets, such as CDK's own Lambda code,
		// are
		// no images).
		Map<?, ?> assets = new com.fasterxml.jackson.databind.ObjectMapper()
			.readValue(outdir.resolve("BucketWarden-Console.assets.json").toFile(), Map.class);
		assertThat((Map<?, ?>) assets.get("dockerImages")).isNullOrEmpty();
		List<Object> pulls = Cfn.resources(console, "AWS::IAM::Policy")
			.values()
			.stream()
			.flatMap((policy) -> Cfn.list(Cfn.path(policy, "PolicyDocument", "Statement")).stream())
			.filter((statement) -> Cfn.list(Cfn.path(statement, "Action")).contains("ecr:BatchGetImage"))
			.toList();
		assertThat(pulls).isNotEmpty();
		for (Object pull : pulls) {
			assertThat(Cfn.text(Cfn.path(pull, "Resource"))).matches(
					"arn:\\$\\{AWS::Partition\\}:ecr:" + SynthesizedApp.CONSOLE_REGION + ":" + SynthesizedApp.ACCOUNT
							+ ":repository/bucketwarden/(event-agent|api-agent|retro-agent|console-service|clamav)");
		}
	}

	@Test
	void shouldRefuseARepositoryWithoutATag() throws IOException {
		Map<String, Object> context = context();
		context.put("imageRepository", "bucketwarden");
		App app = new App(AppProps.builder().context(context).outdir(outdir().toString()).build());
		assertThatIllegalArgumentException().isThrownBy(() -> BucketWardenApp.build(app, SynthesizedApp.REPOSITORY))
			.withMessageContaining("imageTag");
	}

	private static Map<String, Object> context() {
		Map<String, Object> context = new LinkedHashMap<>();
		context.put("account", SynthesizedApp.ACCOUNT);
		context.put("consoleRegion", SynthesizedApp.CONSOLE_REGION);
		context.put("protectedBuckets", List.of("acme-uploads"));
		return context;
	}

	private static Path outdir() throws IOException {
		return Files.createTempDirectory(Files.createDirectories(Path.of("target")), "cdk.out");
	}

}
