/**
 * The retro agent: scans existing objects and mounted volumes, on demand or on schedule.
 */
package dev.bucketwarden.retro;
