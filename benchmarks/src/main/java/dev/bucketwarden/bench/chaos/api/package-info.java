/**
 * {@code bin/chaos}: the API agent under faults.
 */
@NullMarked
package dev.bucketwarden.bench.chaos.api;

import org.jspecify.annotations.NullMarked;
