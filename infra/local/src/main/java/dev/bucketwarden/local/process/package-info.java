/**
 * Runs an emulator as a child JVM: finds its jars (written at build time by the modules
 * under {@code infra/emulators}), starts {@code java} with a modest heap and the log in
 * the work directory, waits for it within a deadline, and stops it by PID.
 */
@NullMarked
package dev.bucketwarden.local.process;

import org.jspecify.annotations.NullMarked;
