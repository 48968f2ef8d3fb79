/**
 * The bucket policy statements that make verdicts unforgeable: only the agents' roles may
 * write or remove result tags, and, where the operator opts in, only Clean objects are
 * readable. Shown per bucket, and merged into the bucket's policy when an admin asks.
 */
@NullMarked
package dev.bucketwarden.console.buckets.policy;

import org.jspecify.annotations.NullMarked;
