package dev.bucketwarden.agent.config;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where results and findings go ({@code bucketwarden.store}).
 *
 * @param resultsTable the DynamoDB table of scan records
 * @param findingsTopicArn SNS topic for findings, or unset
 * @param findingsEventBus EventBridge bus for findings, or unset
 * @param findingsQueueUrl SQS queue for findings, or unset
 * @param findingsWebhookUrl a webhook (Slack-compatible JSON) for findings, or unset; the
 * console's integrations may add another
 * @param findingsWebhookTimeout connect and read timeout of webhook posts (1 s to 1 min)
 * @param findingsWebhookCleanResults whether Clean results go to webhooks too (by default
 * only results that need attention do)
 * @param findingsWebhookAllowPrivateTargets whether webhooks (this one and the console's)
 * may be on loopback, link-local or private addresses; by default they are refused,
 * checked at each post
 * @param eventsEndpoint EventBridge endpoint override, or unset for AWS's
 * @param multipartCopyThreshold larger objects are quarantined with a multipart copy
 * @param multipartCopyPartSize the part size of multipart copies
 */
@Validated
@ConfigurationProperties("bucketwarden.store")
public record StoreProperties(@NotBlank @DefaultValue("bucketwarden-results") String resultsTable,
		String findingsTopicArn, String findingsEventBus, String findingsQueueUrl, URI findingsWebhookUrl,
		@DurationMin(seconds = 1) @DurationMax(minutes = 1) @DefaultValue("10s") Duration findingsWebhookTimeout,
		@DefaultValue("false") boolean findingsWebhookCleanResults,
		@DefaultValue("false") boolean findingsWebhookAllowPrivateTargets, URI eventsEndpoint,
		@DefaultValue("5GB") DataSize multipartCopyThreshold, @DefaultValue("512MB") DataSize multipartCopyPartSize) {
}
