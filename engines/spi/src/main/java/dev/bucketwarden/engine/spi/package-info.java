/**
 * The scan engine plugin contract: an engine has an id, scans a stream with a context and
 * answers a {@link dev.bucketwarden.engine.spi.Verdict}; broken infrastructure is an
 * {@link dev.bucketwarden.engine.spi.EngineException}.
 */
package dev.bucketwarden.engine.spi;
