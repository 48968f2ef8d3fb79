package dev.bucketwarden.engine.chain;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.Verdict;

/**
 * The one rule that turns engine results into a verdict: any infected wins; else any
 * required error; else any required unscannable; clean only when every required engine
 * said clean.
 */
final class Aggregation {

	private Aggregation() {
	}

	static Verdict aggregate(List<ChainMember> members, List<EngineResult> results) {
		Set<String> signatures = new LinkedHashSet<>();
		for (EngineResult result : results) {
			if (result.verdict() instanceof Verdict.Infected infected) {
				signatures.addAll(infected.signatures());
			}
		}
		if (!signatures.isEmpty()) {
			return new Verdict.Infected(List.copyOf(signatures));
		}
		List<Verdict> required = results.stream().filter(EngineResult::required).map(EngineResult::verdict).toList();
		for (Verdict verdict : required) {
			if (verdict instanceof Verdict.Error) {
				return verdict;
			}
		}
		for (Verdict verdict : required) {
			if (verdict instanceof Verdict.Unscannable) {
				return verdict;
			}
		}
		for (ChainMember member : members) {
			boolean ran = results.stream().anyMatch((result) -> result.engineId().equals(member.engine().id()));
			if (member.required() && !ran) {
				return new Verdict.Error(ErrorKind.ENGINE_FAILURE,
						"Required engine '" + member.engine().id() + "' did not scan the content", null);
			}
		}
		boolean anyClean = results.stream().anyMatch((result) -> result.verdict() instanceof Verdict.Clean);
		if (anyClean) {
			return new Verdict.Clean();
		}
		// Only optional engines ran and none of them scanned the content: say why, never
		// clean.
		return results.stream()
			.map(EngineResult::verdict)
			.filter((verdict) -> verdict instanceof Verdict.Error)
			.findFirst()
			.orElseGet(() -> results.stream()
				.map(EngineResult::verdict)
				.findFirst()
				.orElse(new Verdict.Error(ErrorKind.ENGINE_FAILURE, "No engine scanned the content", null)));
	}

}
