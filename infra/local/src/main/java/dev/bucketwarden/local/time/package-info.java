/** A clock for tests. */
@NullMarked
package dev.bucketwarden.local.time;

import org.jspecify.annotations.NullMarked;
