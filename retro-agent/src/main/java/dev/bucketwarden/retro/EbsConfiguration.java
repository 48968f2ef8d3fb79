package dev.bucketwarden.retro;

import java.time.Clock;
import java.util.List;

import io.awspring.cloud.autoconfigure.AwsSyncClientCustomizer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

import dev.bucketwarden.agent.accounts.AccountsProperties;
import dev.bucketwarden.agent.accounts.AssumeRoleRequests;
import dev.bucketwarden.agent.accounts.AssumedRoleCredentials;
import dev.bucketwarden.agent.accounts.LinkedAccounts;
import dev.bucketwarden.jobs.JobStore;
import dev.bucketwarden.retro.ebs.EbsAccounts;
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

	/**
	 * STS of the agent's region ({@code bucketwarden.accounts.sts-endpoint} for the local
	 * stack), with the agent's own credentials: it assumes the linked roles.
	 */
	@Bean(destroyMethod = "close")
	StsClient retroStsClient(Ec2Client ec2, AccountsProperties accounts, AwsCredentialsProvider credentials) {
		StsClientBuilder sts = StsClient.builder()
			.region(ec2.serviceClientConfiguration().region())
			.credentialsProvider(credentials)
			.httpClientBuilder(ApacheHttpClient.builder());
		if (accounts.stsEndpoint() != null) {
			sts.endpointOverride(accounts.stsEndpoint());
		}
		return sts.build();
	}

	/**
	 * The snapshots of each account: the agent's own, and a linked account's through an
	 * EC2 client of the agent's region and endpoint whose credentials are the link's
	 * assumed role (session {@code bucketwarden-<spring.application.name>}).
	 */
	@Bean(destroyMethod = "close")
	EbsAccounts ebsAccounts(Snapshots own, Ec2Client ec2, StsClient sts, AccountsProperties accounts,
			LinkedAccounts links, Environment environment, Clock clock) {
		Region region = ec2.serviceClientConfiguration().region();
		String session = AssumeRoleRequests.sessionName(environment.getProperty("spring.application.name", "agent"));
		return new EbsAccounts(own, accounts.ownAccount(), links, (link) -> {
			var builder = Ec2Client.builder()
				.region(region)
				.httpClientBuilder(ApacheHttpClient.builder())
				.credentialsProvider(new AssumedRoleCredentials(sts,
						AssumeRoleRequests.of(link, session, accounts.sessionDuration()), accounts.refreshBefore(),
						clock));
			ec2.serviceClientConfiguration().endpointOverride().ifPresent(builder::endpointOverride);
			return builder.build();
		}, (client) -> new Snapshots(client, clock));
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
	EbsJobRunner ebsJobRunner(JobStore jobs, EbsAccounts accounts, @Lazy EbsScanLauncher launcher,
			EbsProperties properties, AwsRegionProvider region) {
		return new EbsJobRunner(jobs, accounts, launcher, properties, region.getRegion().id());
	}

	@Bean
	MountedSnapshotScan mountedSnapshotScan(JobStore jobs, VolumeScanner volumes, EbsAccounts accounts, Clock clock) {
		return new MountedSnapshotScan(jobs, volumes, accounts, clock);
	}

}
