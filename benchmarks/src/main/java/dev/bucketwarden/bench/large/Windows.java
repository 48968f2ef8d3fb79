package dev.bucketwarden.bench.large;

import java.util.ArrayList;
import java.util.List;

/**
 * The windows the agents cut a large object into (agent-core's {@code WindowPlan}, which
 * this module does not depend on: the agents run as jars of their own): {@code window}
 * bytes each, each starting {@code window - overlap} after the one before, the last one
 * ending at the end. The bare client scans exactly these ranges, and the run checks that
 * the job's part count agrees.
 */
final class Windows {

	private Windows() {
	}

	static List<Range> of(long size, long window, long overlap) {
		if (size <= 0 || window <= 0 || overlap < 0 || overlap * 2 >= window) {
			throw new IllegalArgumentException("A window needs a size and an overlap under half of it");
		}
		List<Range> ranges = new ArrayList<>();
		long start = 0;
		while (true) {
			long end = Math.min(start + window, size);
			ranges.add(new Range(ranges.size(), start, end));
			if (end == size) {
				return List.copyOf(ranges);
			}
			start += window - overlap;
		}
	}

	/** Bytes {@code [start, end)} of the object, the {@code index}th window. */
	record Range(int index, long start, long end) {

		long length() {
			return this.end - this.start;
		}

	}

}
