/**
 * Retro scan jobs: what they scan, their state and counters, and their record in DynamoDB
 * with per-partition checkpoints.
 */
@NullMarked
package dev.bucketwarden.jobs;

import org.jspecify.annotations.NullMarked;
