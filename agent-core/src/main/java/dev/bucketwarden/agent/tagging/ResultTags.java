package dev.bucketwarden.agent.tagging;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.bucketwarden.engine.chain.EngineResult;
import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.tags.TagKeys;
import dev.bucketwarden.store.tags.TagSchema;

/**
 * Builds our result tags and merges them into an object's tag set. S3 allows 10 tags,
 * keys of 128 and values of 256 characters, and only letters, digits, spaces and
 * {@code + - = . _ : / @}.
 */
public final class ResultTags {

	/** Which of our tags go first when the user's leave too little room. */
	private static final List<String> PRIORITY = List.of(TagKeys.RESULT, TagKeys.GUARDDUTY, TagKeys.VIRUS, TagKeys.DATE,
			TagKeys.ENGINES);

	private static final int MAX_VALUE_LENGTH = 256;

	private ResultTags() {
	}

	/**
	 * Our tags for a result.
	 * @param engines engine descriptions such as {@code clamav:ClamAV 1.4.6/27830}
	 */
	public static Map<String, String> of(TagSchema schema, ResultStatus status, ErrorKind errorKind, Instant scannedAt,
			List<String> engines, List<String> signatures) {
		if (status == ResultStatus.SKIPPED) {
			throw new IllegalArgumentException("Skipped objects are not tagged");
		}
		Map<String, String> tags = new LinkedHashMap<>();
		if (schema == TagSchema.GUARDDUTY) {
			tags.put(TagKeys.GUARDDUTY, status.guardDutyValue(errorKind));
			return tags;
		}
		tags.put(TagKeys.RESULT, status.label());
		tags.put(TagKeys.DATE, scannedAt.truncatedTo(ChronoUnit.SECONDS).toString());
		tags.put(TagKeys.ENGINES, value(String.join(" ", engines)));
		if (!signatures.isEmpty()) {
			tags.put(TagKeys.VIRUS, value(String.join(" ", signatures)));
		}
		return tags;
	}

	/**
	 * The {@code scan-engines} descriptions of a chain's results:
	 * {@code id:product/signatures} for engines that scanned, {@code id:Error} for those
	 * that failed (an optional engine's failure leaves the result Clean, and the tag must
	 * not suggest it scanned).
	 */
	public static List<String> engines(List<EngineResult> results) {
		return results.stream()
			.filter((result) -> result.info() != null)
			.map((result) -> result.engineId() + ":"
					+ ((result.verdict() instanceof Verdict.Error) ? "Error" : result.info().describe()))
			.toList();
	}

	/**
	 * The same descriptions from a record's engines (to tag again what a record says).
	 */
	public static List<String> engineLabels(ScanRecord record) {
		return record.engines()
			.stream()
			.filter((engine) -> engine.product() != null)
			.map((engine) -> engine.engineId() + ":"
					+ (ResultStatus.ERROR.label().equals(engine.result()) ? "Error"
							: (engine.signatureVersion() != null) ? engine.product() + "/" + engine.signatureVersion()
									: engine.product()))
			.toList();
	}

	/**
	 * The object's tags with ours in place of every earlier copy of our keys, whoever
	 * wrote them: a stale or forged result tag never survives next to a verdict. The
	 * user's own keys are all kept; ours fill the room S3's limit leaves, the result tag
	 * first, and what did not fit is named in {@link TagMerge#dropped()}.
	 */
	public static TagMerge merge(Map<String, String> current, Map<String, String> ours) {
		Map<String, String> merged = new LinkedHashMap<>();
		current.forEach((key, value) -> {
			if (!TagKeys.OURS.contains(key)) {
				merged.put(key, value);
			}
		});
		List<String> dropped = new ArrayList<>();
		PRIORITY.stream().filter(ours::containsKey).forEach((key) -> {
			if (merged.size() < TagKeys.S3_MAX_TAGS) {
				merged.put(key, ours.get(key));
			}
			else {
				dropped.add(key);
			}
		});
		return new TagMerge(merged, dropped, !merged.equals(current));
	}

	/**
	 * The outcome of a merge.
	 *
	 * @param tags the tag set to write
	 * @param dropped our keys that did not fit beside the user's tags, most important
	 * first
	 * @param changed whether the set differs from the object's current one
	 */
	public record TagMerge(Map<String, String> tags, List<String> dropped, boolean changed) {

		public TagMerge {
			tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
			dropped = List.copyOf(dropped);
		}

		/** Whether the result tag itself was written. */
		public boolean hasResult() {
			return this.tags.containsKey(TagKeys.RESULT) || this.tags.containsKey(TagKeys.GUARDDUTY);
		}

	}

	/**
	 * A value S3 accepts: disallowed characters become '_', long values are cut with
	 * "...".
	 */
	static String value(String raw) {
		StringBuilder value = new StringBuilder(raw.length());
		raw.codePoints().forEach((c) -> value.appendCodePoint(allowed(c) ? c : '_'));
		if (value.length() > MAX_VALUE_LENGTH) {
			value.setLength(MAX_VALUE_LENGTH - 3);
			value.append("...");
		}
		return value.toString();
	}

	private static boolean allowed(int c) {
		return Character.isLetterOrDigit(c) || c == ' ' || "+-=._:/@".indexOf(c) >= 0;
	}

}
