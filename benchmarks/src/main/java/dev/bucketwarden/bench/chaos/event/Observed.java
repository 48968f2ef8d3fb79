package dev.bucketwarden.bench.chaos.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What the checker read after a drain, straight from the servers (not through the
 * proxies).
 *
 * @param records the results table's records, by version
 * @param sourceTags each manifest version still in its bucket, with its
 * {@code scan-result} tag ({@code ""} when it has none); a version missing here is gone
 * @param quarantineCopies the quarantine bucket's versions, counted by {@link #copyKey
 * source bucket, key and SHA-256}
 * @param findings the findings queue's messages, counted by the version they name
 * @param deadLetters the objects named by the dead-letter queue's messages, as
 * {@code bucket/key}
 */
record Observed(Map<VersionRef, Record> records, Map<VersionRef, String> sourceTags,
		Map<String, Integer> quarantineCopies, Map<VersionRef, Integer> findings, Set<String> deadLetters) {

	Observed {
		records = Map.copyOf(records);
		sourceTags = Map.copyOf(sourceTags);
		quarantineCopies = Map.copyOf(quarantineCopies);
		findings = Map.copyOf(findings);
		deadLetters = Set.copyOf(deadLetters);
	}

	static String copyKey(String sourceBucket, String key, String sha256) {
		return sourceBucket + "/" + key + "#" + sha256;
	}

	static String objectKey(String bucket, String key) {
		return bucket + "/" + key;
	}

	/**
	 * A record of the results table, as far as the checks need it.
	 *
	 * @param result the result's label (Clean, Infected, Unscannable, Error, Skipped)
	 */
	record Record(String id, String result, @Nullable String reason, long size, String tagging, String remediation,
			boolean published, Instant scannedAt) {

		static final List<String> FINAL = List.of("Clean", "Infected", "Unscannable", "Skipped");

		boolean isFinal() {
			return FINAL.contains(this.result);
		}

	}

}
