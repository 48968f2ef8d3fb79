package dev.bucketwarden.retro.ebs;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.EBSResourceType;
import software.amazon.awssdk.services.ecs.model.EBSTagSpecification;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.PropagateTags;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskManagedEBSVolumeConfiguration;

import dev.bucketwarden.jobs.launch.EcsTaskSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Every field of the RunTask request that scans a snapshot. */
class EcsEbsScanLauncherTests {

	private static final String ROLE = "arn:aws:iam::123456789012:role/bucketwarden-ecs-volumes";

	private final EcsTaskSettings retroTasks = new EcsTaskSettings("bucketwarden", "bucketwarden-retro", "retro-agent",
			List.of("subnet-a", "subnet-b"), List.of("sg-1"), false, "1.4.0", null);

	@Test
	void shouldRunTheScanTaskWithAVolumeFromTheSnapshot() {
		EcsEbsScanLauncher launcher = new EcsEbsScanLauncher(EcsClient.builder().region(Region.US_EAST_1).build(),
				this.retroTasks, properties(ROLE));

		RunTaskRequest request = launcher.request("retro-20261206-1", "snap-0123");

		assertThat(request.cluster()).isEqualTo("bucketwarden");
		assertThat(request.taskDefinition()).isEqualTo("bucketwarden-ebs-scan");
		assertThat(request.count()).isEqualTo(1);
		assertThat(request.launchType()).isEqualTo(LaunchType.FARGATE);
		assertThat(request.platformVersion()).isEqualTo("1.4.0");
		assertThat(request.startedBy()).isEqualTo("retro-20261206-1");
		assertThat(request.group()).isEqualTo("bucketwarden-retro");
		assertThat(request.propagateTags()).isEqualTo(PropagateTags.TASK_DEFINITION);
		assertThat(request.tags())
			.containsExactly(Tag.builder().key("bucketwarden:retro-job").value("retro-20261206-1").build());
		var network = request.networkConfiguration().awsvpcConfiguration();
		assertThat(network.subnets()).containsExactly("subnet-a", "subnet-b");
		assertThat(network.securityGroups()).containsExactly("sg-1");
		assertThat(network.assignPublicIp()).isEqualTo(AssignPublicIp.DISABLED);
		ContainerOverride container = request.overrides().containerOverrides().getFirst();
		assertThat(request.overrides().containerOverrides()).hasSize(1);
		assertThat(container.name()).isEqualTo("retro-agent");
		assertThat(container.command()).containsExactly("volume-run", "--job", "retro-20261206-1", "--directory",
				"/mnt/scan");
		assertThat(container.environment())
			.containsExactly(KeyValuePair.builder().name("BUCKETWARDEN_RETRO_JOB").value("retro-20261206-1").build());
		assertThat(request.volumeConfigurations()).hasSize(1);
		assertThat(request.volumeConfigurations().getFirst().name()).isEqualTo("scan-volume");
		TaskManagedEBSVolumeConfiguration volume = request.volumeConfigurations().getFirst().managedEBSVolume();
		assertThat(volume.snapshotId()).isEqualTo("snap-0123");
		assertThat(volume.roleArn()).isEqualTo(ROLE);
		assertThat(volume.volumeType()).isEqualTo("gp3");
		assertThat(volume.terminationPolicy().deleteOnTermination()).isTrue();
		assertThat(volume.tagSpecifications()).containsExactly(EBSTagSpecification.builder()
			.resourceType(EBSResourceType.VOLUME)
			.tags(Tag.builder().key("bucketwarden:retro-job").value("retro-20261206-1").build())
			.propagateTags(PropagateTags.NONE)
			.build());
		assertThat(volume.sizeInGiB()).as("the snapshot's size").isNull();
		assertThat(volume.encrypted()).as("as the snapshot is").isNull();
	}

	@Test
	void shouldUseTheCapacityProviderOfTheRetroTasks() {
		EcsTaskSettings spot = new EcsTaskSettings("c", "t", "retro-agent", List.of("subnet-a"), List.of(), true,
				"LATEST", "FARGATE_SPOT");
		RunTaskRequest request = new EcsEbsScanLauncher(EcsClient.builder().region(Region.US_EAST_1).build(), spot,
				properties(ROLE))
			.request("j", "snap-1");

		assertThat(request.launchType()).isNull();
		assertThat(request.capacityProviderStrategy().getFirst().capacityProvider()).isEqualTo("FARGATE_SPOT");
		assertThat(request.networkConfiguration().awsvpcConfiguration().assignPublicIp())
			.isEqualTo(AssignPublicIp.ENABLED);
	}

	@Test
	void shouldRefuseTheEcsLauncherWithoutTheInfrastructureRole() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EcsEbsScanLauncher(EcsClient.builder().region(Region.US_EAST_1).build(),
					this.retroTasks, properties(null)))
			.withMessageContaining("bucketwarden.retro.ebs.infrastructure-role-arn");
	}

	static EbsProperties properties(String role) {
		return new EbsProperties(EbsProperties.Launcher.ECS, "bucketwarden-ebs-scan", "retro-agent", "scan-volume",
				"/mnt/scan", role, "gp3", Duration.ofMinutes(30), Map.of(), null, List.of());
	}

}
