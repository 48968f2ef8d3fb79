/**
 * {@code bin/bench engine}: our ClamAV engine through the chain against a bare INSTREAM
 * client on the same files, interleaved rounds, medians and ratios.
 */
@NullMarked
package dev.bucketwarden.bench.engine;

import org.jspecify.annotations.NullMarked;
