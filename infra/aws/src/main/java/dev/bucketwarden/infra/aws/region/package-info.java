/**
 * What every region with protected buckets runs, and the stack of a region without the
 * console.
 */
@NullMarked
package dev.bucketwarden.infra.aws.region;

import org.jspecify.annotations.NullMarked;
