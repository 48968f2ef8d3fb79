/**
 * The agents' meters, under the one naming scheme docs/operations.md lists: verdicts by
 * result, source and bucket, bytes, each engine's scan time, time to verdict with its
 * percentiles, engine errors, signature age and readiness, messages in flight, DLQ sends,
 * remediations and retro job progress; and their export to CloudWatch, off unless
 * {@code bucketwarden.metrics.cloudwatch.enabled} is set.
 */
@org.jspecify.annotations.NullMarked
package dev.bucketwarden.agent.metrics;
