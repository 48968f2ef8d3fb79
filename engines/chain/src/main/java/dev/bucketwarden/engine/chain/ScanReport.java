package dev.bucketwarden.engine.chain;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.bucketwarden.engine.spi.Verdict;

/**
 * The chain's verdict with each engine's result.
 *
 * @param verdict the aggregated verdict
 * @param engines the result of every engine that ran, in chain order
 * @param bytesScanned the content length the chain read from the source
 * @param duration time from the first byte read to the verdict
 */
public record ScanReport(Verdict verdict, List<EngineResult> engines, long bytesScanned, Duration duration) {

	public ScanReport {
		engines = List.copyOf(engines);
	}

	/**
	 * Optional engines that failed (error verdicts): they did not decide the verdict, but
	 * the verdict rests on fewer engines than configured, and that must be visible.
	 */
	public List<EngineResult> optionalFailures() {
		return this.engines.stream()
			.filter((result) -> !result.required() && result.verdict() instanceof Verdict.Error)
			.toList();
	}

	/** Which engine found what, for findings that name the engine of each signature. */
	public Map<String, List<String>> signaturesByEngine() {
		Map<String, List<String>> byEngine = new LinkedHashMap<>();
		for (EngineResult result : this.engines) {
			if (result.verdict() instanceof Verdict.Infected infected) {
				byEngine.put(result.engineId(), infected.signatures());
			}
		}
		return byEngine;
	}

}
