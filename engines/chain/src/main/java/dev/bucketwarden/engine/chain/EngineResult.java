package dev.bucketwarden.engine.chain;

import java.time.Duration;

import dev.bucketwarden.engine.spi.EngineInfo;
import dev.bucketwarden.engine.spi.Verdict;

/**
 * What one engine said about the content.
 *
 * @param engineId the engine's id
 * @param required whether the engine was required
 * @param verdict its verdict (an error when it failed)
 * @param duration how long it took
 * @param info its version and signature version at the time of the scan
 */
public record EngineResult(String engineId, boolean required, Verdict verdict, Duration duration, EngineInfo info) {
}
