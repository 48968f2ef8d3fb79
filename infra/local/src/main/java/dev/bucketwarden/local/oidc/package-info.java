/**
 * NAV's mock-oauth2-server as the local stack's Cognito: a child JVM on 127.0.0.1 that
 * issues signed JWTs (client credentials for agents, a login form for the console's
 * users) and serves OIDC discovery and the JWKS.
 */
@NullMarked
package dev.bucketwarden.local.oidc;

import org.jspecify.annotations.NullMarked;
