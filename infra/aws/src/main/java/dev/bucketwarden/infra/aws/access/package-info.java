/**
 * Least-privilege access of the agents to the protected buckets, and the bucket policy
 * statements that keep everyone but the agents' exact roles from forging, replacing or
 * removing our result tags, with the opt-in read gate that keeps objects not scanned
 * Clean unreadable.
 */
@NullMarked
package dev.bucketwarden.infra.aws.access;

import org.jspecify.annotations.NullMarked;
