/**
 * The retro agent: scans existing objects and mounted volumes, on demand or on schedule.
 */
@NullMarked
package dev.bucketwarden.retro;

import org.jspecify.annotations.NullMarked;
