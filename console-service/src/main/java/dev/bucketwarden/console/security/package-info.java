/** Sign-in (OIDC), bearer tokens for the API, roles from the groups claim, sign-out. */
@NullMarked
package dev.bucketwarden.console.security;

import org.jspecify.annotations.NullMarked;
