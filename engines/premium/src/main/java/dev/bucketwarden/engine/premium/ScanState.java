package dev.bucketwarden.engine.premium;

/**
 * What one scan has used of its archive budget, across all nesting levels. Not
 * thread-safe: one scan's.
 */
final class ScanState {

	private final PolicyHits findings;

	private int entries;

	private long expanded;

	private boolean stopped;

	ScanState(PolicyHits findings) {
		this.findings = findings;
	}

	PolicyHits findings() {
		return this.findings;
	}

	Policy policy() {
		return this.findings.policy();
	}

	/** Counts one more archive entry; false (and stops) when over the limit. */
	boolean countEntry(String where) {
		if (++this.entries > policy().maxEntries()) {
			this.findings.hit(Rule.TOO_MANY_ENTRIES, where + ": more than " + policy().maxEntries() + " entries");
			this.stopped = true;
			return false;
		}
		return true;
	}

	/** Counts expanded bytes; false (and stops) when over the limit. */
	boolean countExpanded(long bytes, String where) {
		this.expanded += bytes;
		if (this.expanded > policy().maxExpandedSize()) {
			this.findings.hit(Rule.EXPANDED_TOO_LARGE,
					where + ": more than " + policy().maxExpandedSize() + " bytes expanded");
			this.stopped = true;
			return false;
		}
		return true;
	}

	boolean stopped() {
		return this.stopped;
	}

}
