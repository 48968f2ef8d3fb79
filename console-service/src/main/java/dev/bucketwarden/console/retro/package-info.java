/**
 * The Retro scans page: retro scan jobs from the jobs table (agent-core's job store),
 * their progress from the job counters; admins start a job (the record, then the retro
 * agent's {@code run JOB} through a launcher) and cancel one, and keep the schedules the
 * retro agent's scheduler runs (agent-core's schedule store in the settings table).
 */
@NullMarked
package dev.bucketwarden.console.retro;

import org.jspecify.annotations.NullMarked;
