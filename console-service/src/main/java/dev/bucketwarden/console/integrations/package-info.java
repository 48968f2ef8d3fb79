/** Where findings go: SNS, EventBridge, a webhook with a test button. */
package dev.bucketwarden.console.integrations;
