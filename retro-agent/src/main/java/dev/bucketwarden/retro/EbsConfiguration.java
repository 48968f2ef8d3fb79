package dev.bucketwarden.retro;

import java.time.Clock;
import java.util.List;

import io.awspring.cloud.autoconfigure.AwsSyncClientCustomizer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import dev.bucketwarden.jobs.JobStore;
import dev.bucketwarden.retro.ebs.EbsJobRunner;
import dev.bucketwarden.retro.ebs.EbsProperties;
import dev.bucketwarden.retro.ebs.EbsScanLauncher;
import dev.bucketwarden.retro.ebs.EcsEbsScanLauncher;
import dev.bucketwarden.retro.ebs.LocalEbsScanLauncher;
import dev.bucketwarden.retro.ebs.MountedSnapshotScan;
import dev.bucketwarden.retro.ebs.Snapshots;
import dev.bucketwarden.retro.volume.VolumeScanner;
import dev.bucketwarden.retro.worker.LauncherProperties;

/**
 * Wires EBS jobs: the EC2 client of the agent's region
 * ({@code bucketwarden.retro.ebs.ec2-endpoint} for the local stack), and the scan's
 * launcher. The launcher is built on first use, so that an agent that never starts an EBS
 * scan needs none of its settings (the ECS launcher's infrastructure role).
 */
@Configuration(proxyBeanMethods = false)
class EbsConfiguration {

	@Bean
	Ec2Client retroEc2Client(EbsProperties properties, AwsRegionProvider region, AwsCredentialsProvider credentials,
			ObjectProvider<AwsSyncClientCustomizer> customizers) {
		var builder = Ec2Client.builder()
			.region(region.getRegion())
			.credentialsProvider(credentials)
			.httpClientBuilder(ApacheHttpClient.builder());
		if (properties.ec2Endpoint() != null) {
			builder.endpointOverride(properties.ec2Endpoint());
		}
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	@Bean
	Snapshots snapshots(Ec2Client ec2, Clock clock) {
		return new Snapshots(ec2, clock);
	}

	@Bean
	@Lazy
	EbsScanLauncher ebsScanLauncher(EbsProperties properties, LauncherProperties launcher,
			ObjectProvider<RetroAgentConfiguration.InheritedArguments> inherited, AwsRegionProvider region,
			AwsCredentialsProvider credentials, ObjectProvider<AwsSyncClientCustomizer> customizers) {
		return switch (properties.launcher()) {
			case LOCAL -> new LocalEbsScanLauncher(properties.localSnapshots(), launcher.local(),
					inherited.getIfAvailable(() -> new RetroAgentConfiguration.InheritedArguments(List.of()))
						.arguments(),
					RetroAgentApplication.class);
			case ECS -> {
				var builder = EcsClient.builder()
					.region(region.getRegion())
					.credentialsProvider(credentials)
					.httpClientBuilder(ApacheHttpClient.builder());
				customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
				yield new EcsEbsScanLauncher(builder.build(), launcher.ecs(), properties);
			}
		};
	}

	@Bean
	EbsJobRunner ebsJobRunner(JobStore jobs, Snapshots snapshots, @Lazy EbsScanLauncher launcher,
			EbsProperties properties, AwsRegionProvider region) {
		return new EbsJobRunner(jobs, snapshots, launcher, properties, region.getRegion().id());
	}

	@Bean
	MountedSnapshotScan mountedSnapshotScan(JobStore jobs, VolumeScanner volumes, Snapshots snapshots, Clock clock) {
		return new MountedSnapshotScan(jobs, volumes, snapshots, clock);
	}

}
