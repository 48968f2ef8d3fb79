/**
 * The Retro scans page: retro scan jobs from the jobs table (agent-core's job store),
 * their progress from the job counters; admins start a job (the record, then the retro
 * agent's {@code run JOB} through a launcher) and cancel one.
 */
package dev.bucketwarden.console.retro;
