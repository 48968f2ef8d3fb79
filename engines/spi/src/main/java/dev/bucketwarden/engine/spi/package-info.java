/**
 * The scan engine plugin contract: an engine has an id, scans a stream with a context and
 * answers a {@link dev.bucketwarden.engine.spi.Verdict}; broken infrastructure is an
 * {@link dev.bucketwarden.engine.spi.EngineException}.
 */
@NullMarked
package dev.bucketwarden.engine.spi;

import org.jspecify.annotations.NullMarked;
