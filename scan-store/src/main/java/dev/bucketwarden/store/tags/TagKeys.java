package dev.bucketwarden.store.tags;

import java.util.List;
import java.util.Set;

/**
 * The keys of our result tags, in either schema. The agents write them, the bucket policy
 * lets only the agents write them, and the drift check compares them: one list for all.
 */
public final class TagKeys {

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

	/**
	 * The order in which the keys are written, and kept when S3's limit of 10 tags bites.
	 */
	public static final List<String> IN_ORDER = List.of(RESULT, DATE, ENGINES, VIRUS, GUARDDUTY);

	private TagKeys() {
	}

}
