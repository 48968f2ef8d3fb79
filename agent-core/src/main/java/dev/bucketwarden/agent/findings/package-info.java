/**
 * Findings: one message per scan, published to SNS, EventBridge and/or SQS, as
 * configured.
 */
package dev.bucketwarden.agent.findings;
