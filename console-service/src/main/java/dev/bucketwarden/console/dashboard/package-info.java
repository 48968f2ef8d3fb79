/** The dashboard: scans over time, results, bytes, latest infections, engines. */
package dev.bucketwarden.console.dashboard;
