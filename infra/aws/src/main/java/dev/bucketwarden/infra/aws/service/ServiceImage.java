package dev.bucketwarden.infra.aws.service;

import java.nio.file.Path;

import software.amazon.awscdk.services.ecr.assets.Platform;
import software.amazon.awscdk.services.ecs.AssetImageProps;
import software.amazon.awscdk.services.ecs.ContainerImage;

/**
 * The images of docker/, referenced as assets: synthesis only fingerprints and stages the
 * build context, {@code cdk deploy} builds and pushes them (then Docker is needed). The
 * services' images build from the repository root, whose .dockerignore keeps build output
 * and VCS data out of the context; the sidecar builds from its own folder.
 */
public enum ServiceImage {

	EVENT_AGENT("event-agent"), API_AGENT("api-agent"), RETRO_AGENT("retro-agent"), CONSOLE_SERVICE("console-service"),
	CLAMAV("clamav");

	private final String folder;

	ServiceImage(String folder) {
		this.folder = folder;
	}

	public String folder() {
		return this.folder;
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
