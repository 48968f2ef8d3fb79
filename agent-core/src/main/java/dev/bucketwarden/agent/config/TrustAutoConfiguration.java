package dev.bucketwarden.agent.config;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.bucketwarden.agent.accounts.AccountsProperties;
import dev.bucketwarden.agent.accounts.LinkedAccounts;
import dev.bucketwarden.agent.trust.BucketPatterns;
import dev.bucketwarden.agent.trust.BucketProtection;
import dev.bucketwarden.agent.trust.TrustProperties;

/**
 * What the agents accept work for ({@code bucketwarden.trust}): the deployment's
 * protected buckets, checked with the buckets' own settings before any object is touched.
 */
@AutoConfiguration(after = { BucketSettingsAutoConfiguration.class, AccountsAutoConfiguration.class })
@EnableConfigurationProperties(TrustProperties.class)
public class TrustAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	BucketProtection bucketProtection(TrustProperties trust, LinkedAccounts links, AccountsProperties accounts) {
		return new BucketProtection(BucketPatterns.of(trust.protectedBuckets()), links, accounts.ownAccount());
	}

}
