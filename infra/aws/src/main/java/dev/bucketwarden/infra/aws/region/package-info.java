/**
 * What every region with protected buckets runs, and the stack of a region without the
 * console.
 */
package dev.bucketwarden.infra.aws.region;
