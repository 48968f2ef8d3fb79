/**
 * {@code bin/bench engine --chains}: what each engine and each chain of engines costs on
 * the same files (ClamAV, premium, ClamAV + premium, a three-engine chain).
 */
@NullMarked
package dev.bucketwarden.bench.chain;

import org.jspecify.annotations.NullMarked;
