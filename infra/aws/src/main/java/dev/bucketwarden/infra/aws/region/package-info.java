/**
 * What every region with protected buckets runs ({@link ScanningAgents}: quarantine
 * bucket, S3 intake, event agents, retro agent), and the stack of a region without the
 * console. The parts are plain classes that build into the one scanning construct, so the
 * templates' logical ids do not depend on how the code is divided.
 */
@NullMarked
package dev.bucketwarden.infra.aws.region;

import org.jspecify.annotations.NullMarked;
