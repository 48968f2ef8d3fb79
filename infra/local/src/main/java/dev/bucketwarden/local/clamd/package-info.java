/** Starts clamd with the project's own signature database and configuration. */
package dev.bucketwarden.local.clamd;
