/**
 * The Sophos engine: talks SSSP (Sophos Simple Scanning Protocol) to Sophos Anti-Virus
 * Dynamic Interface (SAVDI) over TCP or a unix socket, streams content with
 * {@code SCANDATA} and maps the replies exactly onto verdicts.
 */
@NullMarked
package dev.bucketwarden.engine.sophos;

import org.jspecify.annotations.NullMarked;
