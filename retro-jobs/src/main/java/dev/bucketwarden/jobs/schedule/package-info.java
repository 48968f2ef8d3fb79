/**
 * Retro scan schedules: the schedules saved in the console (settings table) and how an
 * agent reads them, and the claims of their runs (jobs table), so that each run creates
 * its job once.
 */
@NullMarked
package dev.bucketwarden.jobs.schedule;

import org.jspecify.annotations.NullMarked;
