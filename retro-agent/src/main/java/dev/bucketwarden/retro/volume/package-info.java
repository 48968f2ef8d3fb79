/**
 * Directory jobs: mounted volumes walked and scanned with the engine chain, infected
 * files quarantined.
 */
package dev.bucketwarden.retro.volume;
