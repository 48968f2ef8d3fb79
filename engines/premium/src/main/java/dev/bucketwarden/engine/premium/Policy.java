package dev.bucketwarden.engine.premium;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.bucketwarden.engine.spi.EngineSettings;

/**
 * The policy applied to one scan: an action per rule and the archive limits. Read from
 * the engine's settings, with {@code buckets.<bucket>.<key>} overriding {@code <key>} for
 * objects of that bucket.
 *
 * @param actions what each rule's hit becomes
 * @param blockedTypes media types blocked outright (and their subtypes)
 * @param maxNestingDepth archives inside archives up to this depth are inspected (the
 * outermost is 1)
 * @param maxCompressionRatio an entry expanding more than this many times is a zip bomb
 * @param maxEntries archive entries inspected, all levels together
 * @param maxExpandedSize bytes expanded, all levels together
 */
record Policy(Map<Rule, Action> actions, Set<String> blockedTypes, int maxNestingDepth, int maxCompressionRatio,
		int maxEntries, long maxExpandedSize) {

	/**
	 * Below this many expanded bytes, an entry's ratio is not judged: small runs of zeros
	 * compress well without being bombs.
	 */
	static final long RATIO_MIN_EXPANDED = 1 << 20;

	Policy {
		actions = Map.copyOf(actions);
		blockedTypes = Set.copyOf(blockedTypes);
		if (maxNestingDepth < 1) {
			throw new IllegalArgumentException("max-nesting-depth must be at least 1");
		}
		if (maxCompressionRatio < 2) {
			throw new IllegalArgumentException("max-compression-ratio must be at least 2");
		}
		if (maxEntries < 1 || maxExpandedSize < 1) {
			throw new IllegalArgumentException("max-entries and max-expanded-size must be positive");
		}
	}

	static Policy from(EngineSettings settings) {
		Map<Rule, Action> actions = new EnumMap<>(Rule.class);
		for (Rule rule : Rule.values()) {
			actions.put(rule, settings.get(rule.key()).map((value) -> {
				try {
					return Action.parse(value);
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalArgumentException("Invalid value '" + value + "' for engine setting '" + rule.key()
							+ "': one of INFECTED, UNSCANNABLE, OFF", ex);
				}
			}).orElse(rule.defaultAction()));
		}
		Set<String> blocked = settings.get("blocked-types")
			.map((list) -> Arrays.stream(list.split(","))
				.map(String::strip)
				.filter((type) -> !type.isEmpty())
				.collect(Collectors.toSet()))
			.orElse(Set.of());
		return new Policy(actions, blocked, settings.integer("max-nesting-depth", 5),
				settings.integer("max-compression-ratio", 100), settings.integer("max-entries", 10_000),
				settings.dataSize("max-expanded-size", 2L << 30));
	}

	Action action(Rule rule) {
		return this.actions.get(rule);
	}

	/** The keys a policy reads, to find per-bucket overrides among all settings. */
	static Set<String> keys() {
		Set<String> keys = Arrays.stream(Rule.values()).map(Rule::key).collect(Collectors.toSet());
		keys.addAll(Set.of("blocked-types", "max-nesting-depth", "max-compression-ratio", "max-entries",
				"max-expanded-size"));
		return keys;
	}

}
