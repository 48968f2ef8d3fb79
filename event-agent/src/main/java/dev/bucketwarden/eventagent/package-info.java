/** The event agent: scans every object that lands in a protected bucket. */
package dev.bucketwarden.eventagent;
