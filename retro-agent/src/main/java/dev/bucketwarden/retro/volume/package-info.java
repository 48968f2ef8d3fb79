/**
 * Directory jobs: mounted volumes walked and scanned with the engine chain, infected
 * files quarantined.
 */
@NullMarked
package dev.bucketwarden.retro.volume;

import org.jspecify.annotations.NullMarked;
