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
 * @param tagCountHeader whether the S3 endpoint answers GET and HEAD with
 * {@code x-amz-tagging-count} whenever an object has tags, as AWS S3 does: then an
 * untagged object's tags are not read before ours are written (one request less per
 * object). Off for stores that never send it (S3Mock): their tags are always read.
 */
@Validated
@ConfigurationProperties("bucketwarden.storage")
public record StorageProperties(@DefaultValue("5GB") DataSize multipartCopyThreshold,
		@DefaultValue("512MB") DataSize multipartCopyPartSize, @DefaultValue("true") boolean tagCountHeader) {
}
