/**
 * The benchmarks (event, API, retro, engine, chain and ICAP throughput and latency), the
 * local stacks and agent processes they drive, and their CPU and latency measurements.
 */
@NullMarked
package dev.bucketwarden.bench;

import org.jspecify.annotations.NullMarked;
