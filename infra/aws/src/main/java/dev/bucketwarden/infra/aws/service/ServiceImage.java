package dev.bucketwarden.infra.aws.service;

import java.nio.file.Path;

import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.assets.Platform;
import software.amazon.awscdk.services.ecs.AssetImageProps;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.constructs.Construct;

/**
 * The images of the services and the ClamAV sidecar, from one of two sources:
 * <ul>
 * <li>by default, docker/ as assets: synthesis only fingerprints and stages the build
 * context, {@code cdk deploy} builds and pushes them (then Docker is needed). The
 * services' images build from the repository root, whose .dockerignore keeps build output
 * and VCS data out of the context; the sidecar builds from its own folder;</li>
 * <li>with the context {@value #REPOSITORY_CONTEXT} (and {@value #TAG_CONTEXT}), images
 * already pushed to this account's ECR repositories {@code <repository>/<service>}, for
 * deployments without a Docker daemon: {@code bin/image --push} builds and pushes the
 * services' images with Jib (the sidecar, not Java, is pushed by any OCI builder).</li>
 * </ul>
 */
public enum ServiceImage {

	EVENT_AGENT("event-agent"), API_AGENT("api-agent"), RETRO_AGENT("retro-agent"), CONSOLE_SERVICE("console-service"),
	CLAMAV("clamav");

	/** Context: the ECR repository prefix of pushed images, e.g. {@code bucketwarden}. */
	public static final String REPOSITORY_CONTEXT = "imageRepository";

	/** Context: the tag of the pushed images (required with the repository). */
	public static final String TAG_CONTEXT = "imageTag";

	private final String folder;

	ServiceImage(String folder) {
		this.folder = folder;
	}

	public String folder() {
		return this.folder;
	}

	/**
	 * The image for a task definition in {@code scope}: pushed to ECR when the context
	 * names a repository, else built as an asset from the repository at
	 * {@code repositoryRoot}. Pulling from ECR is granted to the task's execution role
	 * for that repository only.
	 */
	public ContainerImage image(Construct scope, Path repositoryRoot) {
		Object repository = scope.getNode().tryGetContext(REPOSITORY_CONTEXT);
		if (repository == null || repository.toString().isBlank()) {
			return asset(repositoryRoot);
		}
		Object tag = scope.getNode().tryGetContext(TAG_CONTEXT);
		if (tag == null || tag.toString().isBlank()) {
			throw new IllegalArgumentException("Context '" + REPOSITORY_CONTEXT + "' needs '" + TAG_CONTEXT
					+ "': the tag that bin/image --push gave the images");
		}
		String name = repository.toString().strip() + "/" + this.folder;
		return ContainerImage.fromEcrRepository(Repository.fromRepositoryName(scope, "Repository-" + this.folder, name),
				tag.toString().strip());
	}

	/** The image as an asset, built from the repository at {@code repositoryRoot}. */
	public ContainerImage asset(Path repositoryRoot) {
		AssetImageProps.Builder props = AssetImageProps.builder().platform(Platform.LINUX_AMD64);
		if (this == CLAMAV) {
			return ContainerImage.fromAsset(repositoryRoot.resolve("docker/clamav").toString(), props.build());
		}
		return ContainerImage.fromAsset(repositoryRoot.toString(),
				props.file("docker/" + this.folder + "/Dockerfile").build());
	}

}
