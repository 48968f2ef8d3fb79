package dev.bucketwarden.agent.config;

import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.bucketwarden.agent.storage.ObjectStore;

/** The object store on Spring Cloud AWS's S3 client ({@code bucketwarden.storage}). */
@AutoConfiguration(afterName = "io.awspring.cloud.autoconfigure.s3.S3AutoConfiguration")
@EnableConfigurationProperties(StorageProperties.class)
public class StorageAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ObjectStore objectStore(S3Client s3, StorageProperties storage) {
		return new ObjectStore(s3, storage.multipartCopyThreshold().toBytes(),
				storage.multipartCopyPartSize().toBytes(), storage.tagCountHeader());
	}

}
