/**
 * {@code bin/chaos}: the event pipeline under faults.
 */
@NullMarked
package dev.bucketwarden.bench.chaos.event;

import org.jspecify.annotations.NullMarked;
