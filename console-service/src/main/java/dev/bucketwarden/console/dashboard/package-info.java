/** The dashboard: scans over time, results, bytes, latest infections, engines. */
@NullMarked
package dev.bucketwarden.console.dashboard;

import org.jspecify.annotations.NullMarked;
