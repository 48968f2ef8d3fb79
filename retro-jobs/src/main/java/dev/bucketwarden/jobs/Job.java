package dev.bucketwarden.jobs;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A retro scan job as its record says now.
 *
 * @param id the job id
 * @param spec what it scans
 * @param state where it is
 * @param counters its counters
 * @param createdAt when it was created
 * @param updatedAt when its state last changed
 * @param reason why it failed or was cancelled, or why its crawl stopped, or {@code null}
 * @param crawlerSeenAt when a crawler of the job last said it was alive, or {@code null}
 * @param progressAt when an object of the job last got its result (or workers were last
 * launched for it), or {@code null}
 */
public record Job(String id, JobSpec spec, JobState state, JobCounters counters, Instant createdAt, Instant updatedAt,
		@Nullable String reason, @Nullable Instant crawlerSeenAt, @Nullable Instant progressAt) {

	public Job {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(spec, "spec");
		Objects.requireNonNull(state, "state");
		Objects.requireNonNull(counters, "counters");
	}

	/** A job no crawler has said anything about. */
	public Job(String id, JobSpec spec, JobState state, JobCounters counters, Instant createdAt, Instant updatedAt,
			@Nullable String reason) {
		this(id, spec, state, counters, createdAt, updatedAt, reason, null, null);
	}

	/** For the command line: state and every counter. */
	public String describe() {
		return this.id + " " + this.state + " " + this.counters.describe()
				+ ((this.reason != null) ? " (" + this.reason + ")" : "");
	}

}
