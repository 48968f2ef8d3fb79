/**
 * The web console: sign-in, settings, findings, integrations and audit, as pages and a
 * REST API.
 */
package dev.bucketwarden.console;
