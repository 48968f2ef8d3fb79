/**
 * {@code bin/bench event}: the event agent from S3 event to tagged object against bare
 * clamd INSTREAM: uploads through the event relay, drains of a fresh and a warm agent,
 * and the report.
 */
@NullMarked
package dev.bucketwarden.bench.event;

import org.jspecify.annotations.NullMarked;
