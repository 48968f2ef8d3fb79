/** Scan results: search, detail, CSV export, scanning an object again. */
package dev.bucketwarden.console.findings;
