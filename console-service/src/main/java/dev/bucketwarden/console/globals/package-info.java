/** Global settings, optionally imported from SSM Parameter Store. */
package dev.bucketwarden.console.globals;
