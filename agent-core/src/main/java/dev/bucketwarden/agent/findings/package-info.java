/**
 * Findings: one message per scan, published to SNS, EventBridge, SQS and/or a webhook, as
 * configured and as the console's integrations say.
 */
@NullMarked
package dev.bucketwarden.agent.findings;

import org.jspecify.annotations.NullMarked;
