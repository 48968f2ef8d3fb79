package dev.bucketwarden.agent.config;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.bucketwarden.agent.storage.BucketClients;
import dev.bucketwarden.agent.storage.ObjectStore;

/**
 * The object store ({@code bucketwarden.storage}) on the S3 client of each bucket's
 * account: Spring Cloud AWS's for the deployment's own, a linked role's for a linked
 * account's.
 */
@AutoConfiguration(after = AccountsAutoConfiguration.class,
		afterName = "io.awspring.cloud.autoconfigure.s3.S3AutoConfiguration")
@EnableConfigurationProperties(StorageProperties.class)
public class StorageAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ObjectStore objectStore(BucketClients clients, StorageProperties storage) {
		return new ObjectStore(clients, storage.multipartCopyThreshold().toBytes(),
				storage.multipartCopyPartSize().toBytes(), storage.tagCountHeader());
	}

}
