/**
 * Who may call the API: apps holding a token with the {@code scan} scope from the user
 * pool.
 */
@NullMarked
package dev.bucketwarden.apiagent.security;

import org.jspecify.annotations.NullMarked;
