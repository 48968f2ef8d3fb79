package dev.bucketwarden.engine.premium;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import dev.bucketwarden.engine.spi.EngineSettings;

/**
 * The premium engine's settings ({@code bucketwarden.engines.premium.*}).
 *
 * @param policy the policy of buckets without their own
 * @param bucketPolicies policies by bucket, from {@code buckets.<bucket>.<key>}
 * @param blocklist a file path or http(s) URL of SHA-256 hashes, or {@code null}
 * @param blocklistRefresh how often the blocklist is checked for changes
 * @param yaraRules YARA rules (source, or compiled with {@code yara-compiled=true}), or
 * {@code null}
 * @param yaraCompiled whether the rules file was compiled with yarac
 * @param yaraCommand the yara executable
 * @param yaraTimeout how long yara may take for one object
 * @param spoolDirectory where content is copied for yara
 */
record PremiumSettings(Policy policy, Map<String, Policy> bucketPolicies, String blocklist, Duration blocklistRefresh,
		Path yaraRules, boolean yaraCompiled, Path yaraCommand, Duration yaraTimeout, Path spoolDirectory) {

	private static final String BUCKETS = "buckets.";

	PremiumSettings {
		Objects.requireNonNull(policy, "policy");
		bucketPolicies = Map.copyOf(bucketPolicies);
		if (blocklistRefresh.isNegative() || blocklistRefresh.isZero() || yaraTimeout.isNegative()
				|| yaraTimeout.isZero()) {
			throw new IllegalArgumentException("blocklist-refresh and yara-timeout must be positive");
		}
	}

	static PremiumSettings from(EngineSettings settings) {
		Map<String, Policy> buckets = new HashMap<>();
		for (String key : settings.keys()) {
			if (!key.startsWith(BUCKETS)) {
				continue;
			}
			String rest = key.substring(BUCKETS.length());
			String bucket = Policy.keys()
				.stream()
				.filter((policyKey) -> rest.endsWith("." + policyKey))
				.map((policyKey) -> rest.substring(0, rest.length() - policyKey.length() - 1))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException(
						"Unknown per-bucket premium setting '" + key + "'; known keys: " + Policy.keys()));
			buckets.computeIfAbsent(bucket, (name) -> Policy.from(settings.overriddenBy(BUCKETS + name + ".")));
		}
		return new PremiumSettings(Policy.from(settings), buckets, settings.get("blocklist").orElse(null),
				settings.duration("blocklist-refresh", Duration.ofMinutes(1)), settings.path("yara-rules").orElse(null),
				settings.bool("yara-compiled", false), Path.of(settings.string("yara-command", "/usr/bin/yara")),
				settings.duration("yara-timeout", Duration.ofSeconds(60)),
				Path.of(settings.string("spool-directory", System.getProperty("java.io.tmpdir"))));
	}

	/** The policy for objects of this bucket ({@code null}: not an S3 object). */
	Policy policyFor(String bucket) {
		return (bucket != null) ? this.bucketPolicies.getOrDefault(bucket, this.policy) : this.policy;
	}

}
