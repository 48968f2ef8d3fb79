/**
 * EBS jobs: a snapshot (taken first of a volume, when the job names one) is scanned by a
 * task that mounts a volume created from it read-only ({@code volume-run}), with the
 * volume scanner; the snapshot is then tagged with the result. On AWS the task is an ECS
 * task with a managed EBS volume; locally a process over a directory standing in for the
 * snapshot.
 */
@NullMarked
package dev.bucketwarden.retro.ebs;

import org.jspecify.annotations.NullMarked;
