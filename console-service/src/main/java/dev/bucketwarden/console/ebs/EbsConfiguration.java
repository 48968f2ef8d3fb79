package dev.bucketwarden.console.ebs;

import java.time.Clock;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.bucketwarden.console.accounts.AccountLinks;
import dev.bucketwarden.console.accounts.AccountRoles;
import dev.bucketwarden.console.audit.AuditLog;
import dev.bucketwarden.console.retro.ConsoleRetroProperties;
import dev.bucketwarden.console.retro.JobLauncher;
import dev.bucketwarden.jobs.JobStore;

/**
 * The console's EC2 client (the region and credentials of its other clients) and the EBS
 * scans, on the retro jobs' table and launcher.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleEbsProperties.class)
class EbsConfiguration {

	@Bean(destroyMethod = "close")
	Ec2Client consoleEc2Client(ConsoleEbsProperties properties, ObjectProvider<AwsCredentialsProvider> credentials,
			ObjectProvider<AwsRegionProvider> region) {
		Ec2ClientBuilder builder = Ec2Client.builder().httpClientBuilder(ApacheHttpClient.builder());
		credentials.ifAvailable(builder::credentialsProvider);
		region.ifAvailable((provider) -> builder.region(provider.getRegion()));
		if (properties.ec2Endpoint() != null) {
			builder.endpointOverride(properties.ec2Endpoint());
		}
		return builder.build();
	}

	@Bean
	EbsScans ebsScans(Ec2Client ec2, DynamoDbClient dynamo, ConsoleRetroProperties retro, JobLauncher launcher,
			AuditLog audit, AccountLinks links, AccountRoles roles, ConsoleEbsProperties properties, Clock clock) {
		LinkedEbsInventory linked = new LinkedEbsInventory(links, roles, ec2.serviceClientConfiguration().region(),
				properties.ec2Endpoint());
		return new EbsScans(new EbsInventory(ec2, null), linked, new JobStore(dynamo, retro.jobsTable(), clock),
				launcher, audit, clock, retro.stalledAfter());
	}

}
