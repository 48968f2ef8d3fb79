/**
 * The ClamAV engine: talks to clamd over TCP or a unix socket with the INSTREAM, PING,
 * VERSION and STATS commands, and maps its replies exactly onto verdicts.
 */
@NullMarked
package dev.bucketwarden.engine.clamav;

import org.jspecify.annotations.NullMarked;
