/**
 * The EBS page: the region's volumes and snapshots with each snapshot's scan result, and
 * EBS jobs, which the retro agent runs (it takes the snapshot of a volume, and a task
 * mounts a volume made from the snapshot and scans it).
 */
@NullMarked
package dev.bucketwarden.console.ebs;

import org.jspecify.annotations.NullMarked;
