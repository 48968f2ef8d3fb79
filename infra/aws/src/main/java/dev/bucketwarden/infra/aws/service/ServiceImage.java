package dev.bucketwarden.infra.aws.service;

import java.nio.file.Files;
import java.nio.file.Path;

import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.assets.Platform;
import software.amazon.awscdk.services.ecs.AssetImageProps;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.constructs.Construct;

/**
 * The images of the services and the ClamAV sidecar. Jib ({@code bin/image}) is the one
 * way to build the four Java services' images: it is what the tests check
 * ({@code bin/image --check}), it needs no Docker daemon and its layers are reproducible.
 * The sidecar is not Java and keeps its Dockerfile ({@code docker/clamav}). The task
 * definitions take the images from one of two places:
 * <ul>
 * <li>by default, this checkout: each service's Jib tarball
 * ({@code <service>/target/jib-image.tar}, made by {@code bin/image <service>}) and the
 * sidecar's folder, as assets that {@code cdk deploy} loads or builds and pushes (then
 * Docker is needed). Synthesis stages the tarballs, so they must exist;</li>
 * <li>with the context {@value #REPOSITORY_CONTEXT} (and {@value #TAG_CONTEXT}), images
 * already pushed to this account's ECR repositories {@code <repository>/<service>}, for
 * deployments without a Docker daemon: {@code bin/image --push} pushes the services'
 * images (the sidecar is pushed by any OCI builder).</li>
 * </ul>
 */
public enum ServiceImage {

	EVENT_AGENT("event-agent"), API_AGENT("api-agent"), RETRO_AGENT("retro-agent"), CONSOLE_SERVICE("console-service"),
	CLAMAV("clamav");

	/** Context: the ECR repository prefix of pushed images, e.g. {@code bucketwarden}. */
	public static final String REPOSITORY_CONTEXT = "imageRepository";

	/** Context: the tag of the pushed images (required with the repository). */
	public static final String TAG_CONTEXT = "imageTag";

	/**
	 * Where {@code bin/image SERVICE} leaves a service's image, in the service's folder.
	 */
	public static final String JIB_TARBALL = "target/jib-image.tar";

	private final String folder;

	ServiceImage(String folder) {
		this.folder = folder;
	}

	public String folder() {
		return this.folder;
	}

	/**
	 * The image for a task definition in {@code scope}: pushed to ECR when the context
	 * names a repository, else an asset from the checkout at {@code repositoryRoot}.
	 * Pulling from ECR is granted to the task's execution role for that repository only.
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

	/**
	 * The image as an asset of the checkout at {@code repositoryRoot}: the service's Jib
	 * tarball, or the sidecar's Dockerfile folder.
	 * @throws IllegalStateException if a service's tarball has not been built
	 */
	public ContainerImage asset(Path repositoryRoot) {
		if (this == CLAMAV) {
			return ContainerImage.fromAsset(repositoryRoot.resolve("docker/clamav").toString(),
					AssetImageProps.builder().platform(Platform.LINUX_AMD64).build());
		}
		Path tarball = repositoryRoot.resolve(this.folder).resolve(JIB_TARBALL);
		if (!Files.isRegularFile(tarball)) {
			throw new IllegalStateException(
					"No image of " + this.folder + " at " + tarball + ": build it with bin/image " + this.folder
							+ ", or deploy the images bin/image --push pushed, with the context '" + REPOSITORY_CONTEXT
							+ "' and '" + TAG_CONTEXT + "'");
		}
		return ContainerImage.fromTarball(tarball.toString());
	}

}
