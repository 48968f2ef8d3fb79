/** Sign-in (OIDC), bearer tokens for the API, roles from the groups claim, sign-out. */
package dev.bucketwarden.console.security;
