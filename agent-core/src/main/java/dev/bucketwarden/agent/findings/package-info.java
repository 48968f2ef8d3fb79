/**
 * Findings: one message per scan, published to SNS, EventBridge, SQS and/or a webhook, as
 * configured and as the console's integrations say; and, when the console turns it on,
 * one AWS Security Hub finding per object version that needs attention.
 */
@NullMarked
package dev.bucketwarden.agent.findings;

import org.jspecify.annotations.NullMarked;
