/**
 * {@code bin/bench retro}: the retro crawler's objects listed and enqueued per second
 * against a bare ListObjectsV2 loop, and its peak heap.
 */
@NullMarked
package dev.bucketwarden.bench.retro;

import org.jspecify.annotations.NullMarked;
