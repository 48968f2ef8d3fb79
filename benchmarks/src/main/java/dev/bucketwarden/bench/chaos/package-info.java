/**
 * {@code bin/chaos}: the command and what its parts share.
 */
@NullMarked
package dev.bucketwarden.bench.chaos;

import org.jspecify.annotations.NullMarked;
