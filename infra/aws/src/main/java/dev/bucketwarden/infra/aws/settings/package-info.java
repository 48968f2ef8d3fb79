/**
 * The deployment's settings: read from the CDK context (cdk.json or {@code -c}), checked
 * once where they enter (malformed principals, bucket entries that would reach the
 * quarantine bucket, AWS's bounds), then handed to the stacks as one immutable value.
 */
@NullMarked
package dev.bucketwarden.infra.aws.settings;

import org.jspecify.annotations.NullMarked;
