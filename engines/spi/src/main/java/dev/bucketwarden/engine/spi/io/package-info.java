/**
 * I/O support shared by the engines and the chain, so that each protocol class holds only
 * its protocol: connections whose every blocking operation has a deadline
 * ({@link dev.bucketwarden.engine.spi.io.DeadlineChannel}, its watchdog, the
 * {@link dev.bucketwarden.engine.spi.io.EngineConnection} base and buffered
 * {@link dev.bucketwarden.engine.spi.io.LineReader line reads}), scan deadlines and a
 * bounded pool of scan slots, versions cached between probes, and reads of the content to
 * scan (chunks whose failures are the content's, a counting stream that remembers them,
 * and owner-only spool files). Nothing here knows S3, SQS or Spring.
 */
@NullMarked
package dev.bucketwarden.engine.spi.io;

import org.jspecify.annotations.NullMarked;
