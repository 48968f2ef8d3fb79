/**
 * The ICAP engine: an RFC 3507 client (OPTIONS, RESPMOD with preview and
 * {@code Allow: 204}, chunked bodies) that lets any ICAP-speaking antivirus join the
 * chain, mapping its answers and infection headers exactly onto verdicts.
 */
@NullMarked
package dev.bucketwarden.engine.icap;

import org.jspecify.annotations.NullMarked;
