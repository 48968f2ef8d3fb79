/**
 * Least-privilege access of the agents to the protected buckets, and the bucket policy
 * statement that keeps everyone else from forging our result tags.
 */
package dev.bucketwarden.infra.aws.access;
