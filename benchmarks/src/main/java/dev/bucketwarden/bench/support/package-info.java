/**
 * What every benchmark shares: one option parser
 * ({@link dev.bucketwarden.bench.support.BenchArgs}), one statistics class (medians,
 * spreads, percentiles), the bare clamd client each is compared with, concurrent and
 * latency runs, random test files, CPU accounting of the processes and threads involved,
 * and the agent JVMs the agent benchmarks start.
 */
@NullMarked
package dev.bucketwarden.bench.support;

import org.jspecify.annotations.NullMarked;
