/**
 * {@code bin/bench icap}: the ICAP engine through c-icap against bare clamd INSTREAM on
 * the same files.
 */
@NullMarked
package dev.bucketwarden.bench.icap;

import org.jspecify.annotations.NullMarked;
