/**
 * The web console: sign-in, settings, findings, integrations and audit, as pages and a
 * REST API.
 */
@NullMarked
package dev.bucketwarden.console;

import org.jspecify.annotations.NullMarked;
