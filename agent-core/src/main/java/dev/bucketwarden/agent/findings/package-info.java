/**
 * Findings: one message per scan, published to SNS, EventBridge, SQS and/or a webhook, as
 * configured and as the console's integrations say.
 */
package dev.bucketwarden.agent.findings;
