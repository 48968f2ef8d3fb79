package dev.bucketwarden.retro.ebs;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * EBS jobs ({@code bucketwarden.retro.ebs}). The ECS task runs in the cluster, subnets
 * and security groups of the retro agent's own tasks
 * ({@code bucketwarden.retro.launcher.ecs}).
 *
 * @param launcher how the scan of a snapshot is run: {@code ECS} a task of
 * {@code taskDefinition} with a volume created from the snapshot, {@code LOCAL} a process
 * over the directory {@code localSnapshots} maps the snapshot to
 * @param taskDefinition the scan task's definition (family or ARN), whose volume
 * {@code volumeName} is configured at launch
 * @param containerName the retro agent's container in it
 * @param volumeName the task definition's volume that gets the snapshot's volume
 * @param mountPath where the container mounts it (read-only)
 * @param infrastructureRoleArn the ECS infrastructure role that creates and deletes the
 * volume ({@code AmazonECSInfrastructureRolePolicyForVolumes})
 * @param volumeType the EBS volume type of the volume created from the snapshot
 * @param snapshotWait how long a snapshot being taken may take to complete before the job
 * fails
 * @param localSnapshots for the LOCAL launcher: each snapshot id's stand-in directory
 * @param ec2Endpoint an EC2 endpoint override (the local stack's moto), or unset for
 * AWS's
 * @param sharedKmsKeys the ARNs of linked accounts' KMS keys that were shared with the
 * deployment's account (and its ECS infrastructure role): a linked account's snapshot
 * encrypted with another key is not scanned
 */
@Validated
@ConfigurationProperties("bucketwarden.retro.ebs")
public record EbsProperties(@NotNull @DefaultValue("LOCAL") Launcher launcher,
		@NotBlank @DefaultValue("bucketwarden-ebs-scan") String taskDefinition,
		@NotBlank @DefaultValue("retro-agent") String containerName,
		@NotBlank @DefaultValue("scan-volume") String volumeName, @NotBlank @DefaultValue("/mnt/scan") String mountPath,
		@Nullable String infrastructureRoleArn, @NotBlank @DefaultValue("gp3") String volumeType,
		@NotNull @DefaultValue("30m") Duration snapshotWait, @DefaultValue Map<String, Path> localSnapshots,
		@Nullable URI ec2Endpoint, @DefaultValue List<String> sharedKmsKeys) {

	public EbsProperties {
		localSnapshots = Map.copyOf(localSnapshots);
		sharedKmsKeys = List.copyOf(sharedKmsKeys);
	}

	/** How a snapshot's scan is run. */
	public enum Launcher {

		LOCAL, ECS

	}

}
