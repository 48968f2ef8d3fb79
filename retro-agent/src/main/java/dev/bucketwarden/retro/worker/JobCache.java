package dev.bucketwarden.retro.worker;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.bucketwarden.jobs.Job;
import dev.bucketwarden.jobs.JobStore;

/**
 * Jobs as workers see them: read at most once per interval, so a message does not cost a
 * read of its job, and a cancel reaches every worker within the interval.
 */
final class JobCache {

	private final JobStore jobs;

	private final long ttlNanos;

	private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

	JobCache(JobStore jobs, Duration ttl) {
		this.jobs = jobs;
		this.ttlNanos = ttl.toNanos();
	}

	Optional<Job> get(String jobId) {
		long now = System.nanoTime();
		Entry entry = this.entries.get(jobId);
		if (entry == null || now - entry.readAt >= this.ttlNanos) {
			entry = new Entry(this.jobs.find(jobId), now);
			this.entries.put(jobId, entry);
		}
		return entry.job;
	}

	private record Entry(Optional<Job> job, long readAt) {
	}

}
