package dev.bucketwarden.retro.crawl;

import java.time.Duration;

import dev.bucketwarden.jobs.JobState;
import dev.bucketwarden.jobs.JobStore;

/**
 * Whether a job was cancelled, read from its record at most once per interval, so listers
 * can ask before every page without a read each time.
 */
final class CancelWatch {

	private final JobStore jobs;

	private final String jobId;

	private final long intervalNanos;

	private long checkedAt;

	private boolean cancelled;

	CancelWatch(JobStore jobs, String jobId, Duration interval) {
		this.jobs = jobs;
		this.jobId = jobId;
		this.intervalNanos = interval.toNanos();
		this.checkedAt = System.nanoTime();
	}

	synchronized boolean cancelled() {
		if (!this.cancelled && System.nanoTime() - this.checkedAt >= this.intervalNanos) {
			this.checkedAt = System.nanoTime();
			this.cancelled = this.jobs.find(this.jobId).map((job) -> job.state() == JobState.CANCELLED).orElse(true);
		}
		return this.cancelled;
	}

}
