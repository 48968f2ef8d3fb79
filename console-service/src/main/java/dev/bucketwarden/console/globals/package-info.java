/** Global settings, optionally imported from SSM Parameter Store. */
@NullMarked
package dev.bucketwarden.console.globals;

import org.jspecify.annotations.NullMarked;
