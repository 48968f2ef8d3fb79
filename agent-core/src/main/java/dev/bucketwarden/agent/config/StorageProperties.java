package dev.bucketwarden.agent.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How objects are copied in S3 ({@code bucketwarden.storage}): CopyObject takes at most 5
 * GB, so larger objects are quarantined part by part.
 *
 * @param multipartCopyThreshold larger objects are quarantined with a multipart copy
 * @param multipartCopyPartSize the part size of multipart copies
 */
@Validated
@ConfigurationProperties("bucketwarden.storage")
public record StorageProperties(@DefaultValue("5GB") DataSize multipartCopyThreshold,
		@DefaultValue("512MB") DataSize multipartCopyPartSize) {
}
