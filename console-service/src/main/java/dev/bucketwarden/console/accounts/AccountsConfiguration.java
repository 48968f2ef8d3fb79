package dev.bucketwarden.console.accounts;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The console's STS client and the roles of linked accounts. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleStsProperties.class)
class AccountsConfiguration {

	@Bean(destroyMethod = "close")
	StsClient consoleStsClient(S3Client s3, ConsoleStsProperties properties) {
		// The console's own credentials, as its S3 client has them.
		StsClientBuilder builder = StsClient.builder()
			.region(s3.serviceClientConfiguration().region())
			.credentialsProvider(s3.serviceClientConfiguration().credentialsProvider());
		if (properties.stsEndpoint() != null) {
			builder.endpointOverride(properties.stsEndpoint());
		}
		return builder.build();
	}

	@Bean
	AccountRoles accountRoles(StsClient sts, S3Client s3, Environment environment) {
		return new AccountRoles(sts, s3,
				environment.getProperty("spring.cloud.aws.s3.path-style-access-enabled", Boolean.class, false));
	}

}
