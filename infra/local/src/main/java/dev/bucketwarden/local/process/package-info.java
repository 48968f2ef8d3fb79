/**
 * Runs the local stack's servers as child processes: the lifecycle they share
 * ({@link dev.bucketwarden.local.process.EmulatorServer}: a free port, a wait until the
 * server answers, another port when the chosen one was taken, a stop by PID), child JVMs
 * whose jars the modules under {@code infra/emulators} write at build time, and native
 * programs (clamd, c-icap, moto's Python server).
 */
@NullMarked
package dev.bucketwarden.local.process;

import org.jspecify.annotations.NullMarked;
