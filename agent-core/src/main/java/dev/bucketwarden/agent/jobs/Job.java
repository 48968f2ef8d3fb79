package dev.bucketwarden.agent.jobs;

import java.time.Instant;
import java.util.Objects;

/**
 * A retro scan job as its record says now.
 *
 * @param id the job id
 * @param spec what it scans
 * @param state where it is
 * @param counters its counters
 * @param createdAt when it was created
 * @param updatedAt when its state last changed
 * @param reason why it failed or was cancelled, or {@code null}
 */
public record Job(String id, JobSpec spec, JobState state, JobCounters counters, Instant createdAt, Instant updatedAt,
		String reason) {

	public Job {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(spec, "spec");
		Objects.requireNonNull(state, "state");
		Objects.requireNonNull(counters, "counters");
	}

	/** For the command line: state and every counter. */
	public String describe() {
		return this.id + " " + this.state + " " + this.counters.describe()
				+ ((this.reason != null) ? " (" + this.reason + ")" : "");
	}

}
