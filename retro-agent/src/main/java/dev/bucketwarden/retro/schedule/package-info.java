/** Scheduled scans: cron schedules per bucket that create retro jobs. */
package dev.bucketwarden.retro.schedule;
