/**
 * Starts clamd with the project's own signature database and configuration, and, for
 * benchmarks, a seeded set of random signatures beside it the size of a real database.
 */
@NullMarked
package dev.bucketwarden.local.clamd;

import org.jspecify.annotations.NullMarked;
