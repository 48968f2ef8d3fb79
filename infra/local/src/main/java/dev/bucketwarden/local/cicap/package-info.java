/**
 * Starts c-icap with its virus_scan service over a clamd of the local stack, for the ICAP
 * engine's tests and benchmark.
 */
@NullMarked
package dev.bucketwarden.local.cicap;

import org.jspecify.annotations.NullMarked;
