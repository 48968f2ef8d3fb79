/** Scheduled scans: cron schedules per bucket that create retro jobs. */
@NullMarked
package dev.bucketwarden.retro.schedule;

import org.jspecify.annotations.NullMarked;
