/** Where findings go: SNS, EventBridge, a webhook with a test button. */
@NullMarked
package dev.bucketwarden.console.integrations;

import org.jspecify.annotations.NullMarked;
