/** A clock for tests. */
package dev.bucketwarden.local.time;
