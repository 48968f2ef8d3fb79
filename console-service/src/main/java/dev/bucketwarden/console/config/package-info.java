/** The console's settings and the tables it reads and writes. */
@NullMarked
package dev.bucketwarden.console.config;

import org.jspecify.annotations.NullMarked;
