/**
 * The serial engine chain: every configured engine scans the same content, fetched once,
 * and one verdict is aggregated from their results without ever calling partial scans
 * clean.
 */
@NullMarked
package dev.bucketwarden.engine.chain;

import org.jspecify.annotations.NullMarked;
