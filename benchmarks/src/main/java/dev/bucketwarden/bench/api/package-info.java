/**
 * {@code bin/bench api}: the API agent's scan-before-store, latency and throughput,
 * against bare clamd INSTREAM; the agent runs in a JVM of its own over a local stack.
 */
@NullMarked
package dev.bucketwarden.bench.api;

import org.jspecify.annotations.NullMarked;
