package dev.bucketwarden.jobs;

import java.util.EnumMap;
import java.util.Map;

/**
 * A snapshot of a job's counters.
 *
 * @param values every counter, zero when never added to
 */
public record JobCounters(Map<Counter, Long> values) {

	public JobCounters {
		EnumMap<Counter, Long> all = new EnumMap<>(Counter.class);
		for (Counter counter : Counter.values()) {
			all.put(counter, values.getOrDefault(counter, 0L));
		}
		values = Map.copyOf(all);
	}

	public long get(Counter counter) {
		return this.values.get(counter);
	}

	/**
	 * Whether the results add up: every scanned (or, in a drift check, checked) object
	 * has exactly one result. A scan never counts the drift check's results, nor a drift
	 * check a scan's, so one sum serves both kinds.
	 */
	public boolean resultsAddUp() {
		return get(Counter.SCANNED) == get(Counter.CLEAN) + get(Counter.INFECTED) + get(Counter.UNSCANNABLE)
				+ get(Counter.ERRORS) + get(Counter.SKIPPED) + get(Counter.CONSISTENT) + get(Counter.UNSCANNED)
				+ get(Counter.DRIFT);
	}

	/** One line for the command line and logs. */
	public String describe() {
		StringBuilder line = new StringBuilder();
		for (Counter counter : Counter.values()) {
			if (!line.isEmpty()) {
				line.append(' ');
			}
			line.append(counter.attribute()).append('=').append(get(counter));
		}
		return line.toString();
	}

}
