/** The event agent: scans every object that lands in a protected bucket. */
@NullMarked
package dev.bucketwarden.eventagent;

import org.jspecify.annotations.NullMarked;
