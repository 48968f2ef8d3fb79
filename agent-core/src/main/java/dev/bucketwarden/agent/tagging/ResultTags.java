package dev.bucketwarden.agent.tagging;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.bucketwarden.agent.results.ResultStatus;
import dev.bucketwarden.engine.chain.EngineResult;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.engine.spi.ErrorKind;

/**
 * Builds our result tags and merges them into an object's tag set. S3 allows 10 tags,
 * keys of 128 and values of 256 characters, and only letters, digits, spaces and
 * {@code + - = . _ : / @}.
 */
public final class ResultTags {

	public static final String RESULT = "scan-result";

	public static final String DATE = "scan-date";

	public static final String ENGINES = "scan-engines";

	public static final String VIRUS = "virus-name";

	public static final String GUARDDUTY = "GuardDutyMalwareScanStatus";

	/**
	 * Every key we ever write, in either schema: replaced on a rescan, never kept stale.
	 */
	public static final Set<String> OURS = Set.of(RESULT, DATE, ENGINES, VIRUS, GUARDDUTY);

	public static final int S3_MAX_TAGS = 10;

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
			tags.put(GUARDDUTY, status.guardDutyValue(errorKind));
			return tags;
		}
		tags.put(RESULT, status.label());
		tags.put(DATE, scannedAt.truncatedTo(ChronoUnit.SECONDS).toString());
		tags.put(ENGINES, value(String.join(" ", engines)));
		if (!signatures.isEmpty()) {
			tags.put(VIRUS, value(String.join(" ", signatures)));
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
	 * The user's tags with ours in place of any earlier result tags; empty when that
	 * would be more than S3 allows (then nothing is written and no user tag is dropped).
	 */
	public static Optional<Map<String, String>> merge(Map<String, String> current, Map<String, String> ours) {
		Map<String, String> merged = new LinkedHashMap<>();
		current.forEach((key, value) -> {
			if (!OURS.contains(key)) {
				merged.put(key, value);
			}
		});
		merged.putAll(ours);
		return (merged.size() <= S3_MAX_TAGS) ? Optional.of(merged) : Optional.empty();
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
