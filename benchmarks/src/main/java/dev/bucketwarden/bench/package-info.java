/**
 * bin/bench's benchmarks of BucketWarden against the bare tools it wraps:
 * {@link dev.bucketwarden.bench.Bench} picks one by name; each lives in a package of its
 * own (engine, chain, icap, api, event, retro) and shares the harness in {@code support}.
 */
@NullMarked
package dev.bucketwarden.bench;

import org.jspecify.annotations.NullMarked;
