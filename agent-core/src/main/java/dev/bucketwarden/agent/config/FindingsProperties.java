package dev.bucketwarden.agent.config;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where findings go ({@code bucketwarden.findings}): every sink that is set gets each
 * finding; none set, results are only recorded.
 *
 * @param topicArn SNS topic for findings, or unset
 * @param eventBus EventBridge bus for findings, or unset
 * @param eventsEndpoint EventBridge endpoint override, or unset for AWS's
 * @param queueUrl SQS queue for findings, or unset
 * @param webhookUrl a webhook (Slack-compatible JSON) for findings, or unset; the
 * console's integrations may add another
 * @param webhookTimeout connect and read timeout of webhook posts (1 s to 1 min)
 * @param webhookCleanResults whether Clean results go to webhooks too (by default only
 * results that need attention do)
 * @param webhookAllowPrivateTargets whether webhooks (this one and the console's) may be
 * on loopback, link-local or private addresses; by default they are refused, checked at
 * each post
 * @param batchLinger how long a finding waits for those of concurrent scans to share its
 * SNS, SQS or EventBridge request (up to ten a request) when none is on its way (while
 * one is, findings wait for it and share the next one anyway); 5 ms by default, small
 * beside an object's scan time, and enough to halve the requests per finding at four
 * scans at a time; 0 adds no wait
 * @param securityHubAccount the account whose Security Hub findings are imported to (the
 * deployment's own, which infra/aws sets); unset, the console's Security Hub toggle is
 * ignored with a warning
 * @param securityHubPartition the account's AWS partition
 * @param securityHubEndpoint Security Hub endpoint override, or unset for the region's
 * @param securityHubTimeout connect and read timeout of Security Hub calls (1 s to 1 min)
 * @param securityHubWorkflowUpdates whether resolving an existing finding also sets its
 * workflow status with BatchUpdateFindings (AWS keeps the workflow on the customer's side
 * once a finding exists); off only for stand-ins that lack the call
 */
@Validated
@ConfigurationProperties("bucketwarden.findings")
public record FindingsProperties(String topicArn, String eventBus, URI eventsEndpoint, String queueUrl, URI webhookUrl,
		@DurationMin(seconds = 1) @DurationMax(minutes = 1) @DefaultValue("10s") Duration webhookTimeout,
		@DefaultValue("false") boolean webhookCleanResults, @DefaultValue("false") boolean webhookAllowPrivateTargets,
		@DurationMax(seconds = 1) @DefaultValue("5ms") Duration batchLinger,
		@Pattern(regexp = "\\d{12}") String securityHubAccount, @DefaultValue("aws") String securityHubPartition,
		URI securityHubEndpoint,
		@DurationMin(seconds = 1) @DurationMax(minutes = 1) @DefaultValue("10s") Duration securityHubTimeout,
		@DefaultValue("true") boolean securityHubWorkflowUpdates) {
}
