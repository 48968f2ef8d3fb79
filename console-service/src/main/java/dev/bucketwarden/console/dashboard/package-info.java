/**
 * The dashboard: scans over time, results, bytes, latest infections, engines, and the
 * unit economics panel of a chosen period.
 */
@NullMarked
package dev.bucketwarden.console.dashboard;

import org.jspecify.annotations.NullMarked;
