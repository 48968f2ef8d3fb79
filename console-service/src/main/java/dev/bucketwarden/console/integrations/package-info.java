/**
 * Where findings go: SNS, EventBridge, a webhook with a test button, AWS Security Hub.
 */
@NullMarked
package dev.bucketwarden.console.integrations;

import org.jspecify.annotations.NullMarked;
