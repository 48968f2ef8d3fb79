/**
 * Retro scan schedules saved in the console (settings table) and how an agent reads them;
 * the claim of a schedule's runs lives with the jobs.
 */
@NullMarked
package dev.bucketwarden.jobs.schedule;

import org.jspecify.annotations.NullMarked;
