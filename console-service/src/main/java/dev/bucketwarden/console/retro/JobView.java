package dev.bucketwarden.console.retro;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.bucketwarden.jobs.Counter;
import dev.bucketwarden.jobs.Job;
import dev.bucketwarden.jobs.JobState;

/**
 * A job as the page and the API show it, with its progress from the counters.
 *
 * @param id the job id
 * @param state where it is
 * @param buckets what it crawls (empty for a directory job)
 * @param directory the directory of a volume job, or {@code null}
 * @param prefix the key prefix
 * @param modifiedFrom the LastModified window's start
 * @param modifiedBefore its end
 * @param allVersions every version
 * @param rescan the rescan rule
 * @param origin who created it
 * @param createdAt when
 * @param updatedAt when its state last changed
 * @param reason why it failed or was cancelled
 * @param counters every counter by name
 * @param percent progress in percent: scanned of matched; 100 only when DONE
 * @param progress the progress in words
 * @param running whether it may still change (CRAWLING or SCANNING)
 * @param resultsAddUp whether scanned = clean + infected + unscannable + errors + skipped
 * @param crawlStopped a bucket job whose crawl stopped: its run said why (the reason), or
 * its crawler has been silent for longer than the console waits (its process is gone); it
 * is still CRAWLING, and resuming it continues the crawl from its checkpoints
 * @param crawlerSeenAt when its crawler last said it was alive, or {@code null}
 * @param scanStalled a crawled bucket job none of whose objects has got its result for
 * longer than the console waits (its workers are gone); resuming starts workers for its
 * queued objects
 * @param progressAt when an object last got its result, or {@code null}
 */
public record JobView(String id, JobState state, List<String> buckets, String directory, String prefix,
		Instant modifiedFrom, Instant modifiedBefore, boolean allVersions, String rescan, String origin,
		Instant createdAt, Instant updatedAt, String reason, Map<String, Long> counters, int percent, String progress,
		boolean running, boolean resultsAddUp, boolean crawlStopped, Instant crawlerSeenAt, boolean scanStalled,
		Instant progressAt) {

	/**
	 * @param now the time of the view
	 * @param stalledAfter how long a crawler may be silent (since the job was created, if
	 * it never spoke) before its crawl counts as stopped, and a scan may go without a
	 * result (since the crawl ended, if none yet) before it counts as stalled
	 */
	public static JobView of(Job job, Instant now, Duration stalledAfter) {
		// In the order of the flow: listed, matched, queued, scanned, then the results.
		Map<String, Long> counters = new LinkedHashMap<>();
		for (Counter counter : Counter.values()) {
			counters.put(counter.attribute(), job.counters().get(counter));
		}
		long listed = job.counters().get(Counter.LISTED);
		long matched = job.counters().get(Counter.MATCHED);
		long scanned = job.counters().get(Counter.SCANNED);
		int percent = percent(job.state(), scanned, matched);
		Instant heard = (job.crawlerSeenAt() != null) ? job.crawlerSeenAt() : job.createdAt();
		boolean silent = heard != null && heard.plus(stalledAfter).isBefore(now);
		boolean crawlStopped = job.state() == JobState.CRAWLING && !job.spec().volume()
				&& (job.reason() != null || silent);
		// Counted from the end of the crawl if no object has got its result since.
		Instant progressed = latest(job.progressAt(), job.updatedAt());
		boolean scanStalled = job.state() == JobState.SCANNING && !job.spec().volume() && progressed != null
				&& progressed.plus(stalledAfter).isBefore(now);
		String progress = switch (job.state()) {
			// While crawling, more objects may still match: the bar is of those found so
			// far.
			case CRAWLING -> (crawlStopped ? "crawl stopped: " : "crawling: ") + listed + " listed, " + matched
					+ " matched, " + scanned + " scanned";
			case SCANNING -> scanned + " of " + matched + " scanned" + (scanStalled ? ", stalled" : "");
			case DONE -> scanned + " of " + matched + " scanned, done";
			case CANCELLED, FAILED -> scanned + " of " + matched + " scanned, " + job.state().name().toLowerCase();
		};
		String rescan = job.spec().rescan().mode().name() + ((job.spec().rescan().signaturesBefore() != null)
				? " " + job.spec().rescan().signaturesBefore() : "");
		return new JobView(job.id(), job.state(), job.spec().buckets(), job.spec().directory(), job.spec().prefix(),
				job.spec().modifiedFrom(), job.spec().modifiedBefore(), job.spec().allVersions(), rescan,
				job.spec().origin(), job.createdAt(), job.updatedAt(), job.reason(), counters, percent, progress,
				!job.state().terminal(), job.counters().resultsAddUp(), crawlStopped, job.crawlerSeenAt(), scanStalled,
				job.progressAt());
	}

	/** Whether an admin may resume it: its crawl stopped or its scan stalled. */
	public boolean resumable() {
		return this.crawlStopped || this.scanStalled;
	}

	private static Instant latest(Instant a, Instant b) {
		return (a == null) ? b : (b == null || a.isAfter(b)) ? a : b;
	}

	/**
	 * Scanned of matched; a job that is not DONE stays below 100 (its last objects may be
	 * in flight, or its crawl not finished), a DONE one is 100 even with nothing matched.
	 */
	static int percent(JobState state, long scanned, long matched) {
		if (state == JobState.DONE) {
			return 100;
		}
		if (matched == 0) {
			return 0;
		}
		return (int) Math.min(99, scanned * 100 / matched);
	}

	public long counter(String name) {
		return this.counters.getOrDefault(name, 0L);
	}

}
