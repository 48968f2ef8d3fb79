package dev.bucketwarden.agent.config;

import java.time.Clock;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.bucketwarden.agent.accounts.AccountClients;
import dev.bucketwarden.agent.accounts.AccountsProperties;
import dev.bucketwarden.agent.accounts.AssumeRoleRequests;
import dev.bucketwarden.agent.accounts.LinkedAccounts;
import dev.bucketwarden.agent.accounts.LinkedS3Clients;
import dev.bucketwarden.agent.accounts.TableLinkedAccounts;
import dev.bucketwarden.store.accounts.LinkedAccountTable;
import dev.bucketwarden.store.settings.BucketSettingsProvider;
import dev.bucketwarden.store.settings.DynamoDbSettingsTable;

/**
 * Linked accounts ({@code bucketwarden.accounts}): read from the console's settings table
 * when there is one (none otherwise), and the S3 client of each bucket's account, through
 * which the object store makes every call.
 */
@AutoConfiguration(after = BucketSettingsAutoConfiguration.class,
		afterName = { "io.awspring.cloud.autoconfigure.s3.S3AutoConfiguration",
				"io.awspring.cloud.autoconfigure.dynamodb.DynamoDbAutoConfiguration" })
@EnableConfigurationProperties(AccountsProperties.class)
public class AccountsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LinkedAccounts linkedAccounts(SettingsProperties settings, ObjectProvider<DynamoDbClient> dynamo, Clock clock) {
		if (settings.table() == null || settings.table().isBlank()) {
			return LinkedAccounts.NONE;
		}
		return new TableLinkedAccounts(
				new LinkedAccountTable(new DynamoDbSettingsTable(dynamo.getObject(), settings.table())),
				settings.refreshInterval(), clock);
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	AccountClients accountClients(S3Client s3, AccountsProperties accounts, LinkedAccounts links,
			BucketSettingsProvider buckets, Environment environment, Clock clock) {
		StsClientBuilder sts = StsClient.builder().region(s3.serviceClientConfiguration().region());
		if (accounts.stsEndpoint() != null) {
			sts.endpointOverride(accounts.stsEndpoint());
		}
		boolean pathStyle = environment.getProperty("spring.cloud.aws.s3.path-style-access-enabled", Boolean.class,
				false);
		String agent = environment.getProperty("spring.application.name", "agent");
		return new AccountClients(s3, accounts.ownAccount(), links, buckets,
				new LinkedS3Clients(s3, pathStyle, sts.build(), AssumeRoleRequests.sessionName(agent),
						accounts.sessionDuration(), accounts.refreshBefore(), clock));
	}

}
