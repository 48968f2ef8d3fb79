/**
 * Retro scan jobs: what they scan, their state and counters, and their record in DynamoDB
 * with per-partition checkpoints.
 */
package dev.bucketwarden.jobs;
