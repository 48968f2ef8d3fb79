package dev.bucketwarden.store.settings;

import java.util.List;
import java.util.Locale;

/**
 * What the console adds to a protected bucket's {@link BucketSettings}: objects to skip,
 * known false positives and the engine chain.
 *
 * @param skipPrefixes keys starting with one of these are not scanned
 * @param skipSuffixes keys ending with one of these are not scanned
 * @param allowList sha256 digests or signature names of known false positives: such a
 * finding is recorded as InfectedAllowed and the object left in place
 * @param engines engine ids in order, or empty for the agent's configured chain
 */
public record BucketRules(List<String> skipPrefixes, List<String> skipSuffixes, List<String> allowList,
		List<String> engines) {

	/** No skips, no allow-list, the agent's own chain. */
	public static final BucketRules NONE = new BucketRules(List.of(), List.of(), List.of(), List.of());

	public BucketRules {
		skipPrefixes = clean(skipPrefixes);
		skipSuffixes = clean(skipSuffixes);
		allowList = clean(allowList);
		engines = clean(engines);
	}

	/** Whether the key is to be skipped. */
	public boolean skips(String key) {
		return this.skipPrefixes.stream().anyMatch(key::startsWith)
				|| this.skipSuffixes.stream().anyMatch(key::endsWith);
	}

	/**
	 * Whether a finding is a known false positive: its content digest or one of its
	 * signatures is allow-listed (digests compare case-insensitively).
	 */
	public boolean allows(String sha256, List<String> signatures) {
		if (sha256 != null && this.allowList.contains(sha256.toLowerCase(Locale.ROOT))) {
			return true;
		}
		return !signatures.isEmpty() && this.allowList.containsAll(signatures);
	}

	/** Whether the allow-list names content digests (then the pipeline computes them). */
	public boolean hasDigests() {
		return this.allowList.stream().anyMatch((entry) -> entry.matches("[0-9a-f]{64}"));
	}

	private static List<String> clean(List<String> values) {
		if (values == null) {
			return List.of();
		}
		return values.stream()
			.map(String::strip)
			.filter((value) -> !value.isEmpty())
			.map((value) -> value.matches("[0-9A-Fa-f]{64}") ? value.toLowerCase(Locale.ROOT) : value)
			.distinct()
			.toList();
	}

}
