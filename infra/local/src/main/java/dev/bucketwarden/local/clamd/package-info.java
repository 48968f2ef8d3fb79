/** Starts clamd with the project's own signature database and configuration. */
@NullMarked
package dev.bucketwarden.local.clamd;

import org.jspecify.annotations.NullMarked;
