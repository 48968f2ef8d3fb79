/** Scan results: search, detail, CSV export, scanning an object again. */
@NullMarked
package dev.bucketwarden.console.findings;

import org.jspecify.annotations.NullMarked;
