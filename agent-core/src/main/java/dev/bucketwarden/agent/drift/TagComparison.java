package dev.bucketwarden.agent.drift;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.store.drift.DriftKind;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;
import dev.bucketwarden.store.tags.TagKeys;
import dev.bucketwarden.store.tags.TaggingStatus;

/**
 * Compares an object's result tags, in either schema ({@code scan-result} or
 * {@code GuardDutyMalwareScanStatus}), with the record of that exact version and ETag.
 * Only the result tag is compared: it is the one downstream systems act on.
 *
 * <p>
 * A record whose tags were not written (tagging DISABLED, MAX_TAG_LIMIT_EXCEEDED,
 * SUPERSEDED or FAILED, and every Skipped record) expects no tag: no tag is consistent,
 * but a result tag that disagrees with the record is drift all the same, since someone
 * other than the agent wrote it. A tag that agrees is consistent whatever the tagging
 * status (a write whose answer was lost, an earlier scan of the same version).
 */
public final class TagComparison {

	private static final String DEFAULT_CLEAN = ResultStatus.CLEAN.label();

	private static final String GUARDDUTY_CLEAN = ResultStatus.CLEAN.guardDutyValue(null);

	private TagComparison() {
	}

	public static TagCheck compare(Map<String, String> tags, Optional<ScanRecord> record) {
		Map<String, String> found = new LinkedHashMap<>();
		for (String key : new String[] { TagKeys.RESULT, TagKeys.GUARDDUTY }) {
			if (tags.containsKey(key)) {
				found.put(key, tags.get(key));
			}
		}
		if (record.isEmpty()) {
			if (found.isEmpty()) {
				return new TagCheck.Unscanned();
			}
			var first = found.entrySet().iterator().next();
			return new TagCheck.Drifted(DriftKind.FORGED_RESULT, first.getKey() + "=" + first.getValue(), null);
		}
		ScanRecord scan = record.get();
		if (found.isEmpty()) {
			boolean written = (scan.tagging() == TaggingStatus.TAGGED || scan.tagging() == TaggingStatus.PARTIAL)
					&& scan.status() != ResultStatus.SKIPPED;
			return written ? new TagCheck.Drifted(DriftKind.RESULT_REMOVED, null, scan.status())
					: new TagCheck.Consistent();
		}
		DriftKind worst = null;
		String worstTag = null;
		for (Map.Entry<String, String> tag : found.entrySet()) {
			if (tag.getValue().equals(expected(tag.getKey(), scan))) {
				continue;
			}
			String clean = TagKeys.RESULT.equals(tag.getKey()) ? DEFAULT_CLEAN : GUARDDUTY_CLEAN;
			DriftKind kind = (tag.getValue().equals(clean) && scan.status() != ResultStatus.CLEAN)
					? DriftKind.FORGED_RESULT : DriftKind.RESULT_CHANGED;
			// Of two disagreeing tags, the forged Clean is the one to report.
			if (worst == null || kind == DriftKind.FORGED_RESULT) {
				worst = kind;
				worstTag = tag.getKey() + "=" + tag.getValue();
			}
		}
		return (worst != null) ? new TagCheck.Drifted(worst, worstTag, scan.status()) : new TagCheck.Consistent();
	}

	/** The value the agent writes under this key for this record; null for Skipped. */
	private static String expected(String key, ScanRecord record) {
		if (record.status() == ResultStatus.SKIPPED) {
			return null;
		}
		return TagKeys.RESULT.equals(key) ? record.status().label()
				: record.status().guardDutyValue(errorKind(record.errorKind()));
	}

	private static ErrorKind errorKind(String name) {
		if (name == null) {
			return null;
		}
		try {
			return ErrorKind.valueOf(name);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
