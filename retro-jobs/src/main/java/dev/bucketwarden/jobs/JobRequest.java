package dev.bucketwarden.jobs;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A request for a job, with the defaults filled in when it becomes a {@link JobSpec}: the
 * window runs from S3's launch to the moment the job is created (the clock's now), since
 * event scanning covers everything after.
 *
 * @param buckets buckets to crawl, or empty for a directory job
 * @param prefix key prefix, or {@code null}
 * @param modifiedFrom window start, or {@code null} for S3's launch
 * @param modifiedBefore window end, or {@code null} for now
 * @param allVersions every version, not only current ones
 * @param directory a directory to walk instead of buckets, or {@code null}
 * @param quarantineDirectory where infected files go, or {@code null}
 * @param rescan what to do with objects scanned before, or {@code null} to reuse current
 * records
 * @param origin who asks
 * @param kind scan or drift check, or {@code null} for a scan
 */
public record JobRequest(List<String> buckets, String prefix, Instant modifiedFrom, Instant modifiedBefore,
		boolean allVersions, String directory, String quarantineDirectory, Rescan rescan, String origin, JobKind kind) {

	/** A request for a scan job. */
	public JobRequest(List<String> buckets, String prefix, Instant modifiedFrom, Instant modifiedBefore,
			boolean allVersions, String directory, String quarantineDirectory, Rescan rescan, String origin) {
		this(buckets, prefix, modifiedFrom, modifiedBefore, allVersions, directory, quarantineDirectory, rescan, origin,
				null);
	}

	public static JobRequest buckets(List<String> buckets, String origin) {
		return new JobRequest(buckets, null, null, null, false, null, null, null, origin);
	}

	public static JobRequest directory(String directory, String quarantineDirectory, String origin) {
		return new JobRequest(List.of(), null, null, null, false, directory, quarantineDirectory, Rescan.ALWAYS,
				origin);
	}

	public JobRequest withPrefix(String prefix) {
		return new JobRequest(this.buckets, prefix, this.modifiedFrom, this.modifiedBefore, this.allVersions,
				this.directory, this.quarantineDirectory, this.rescan, this.origin, this.kind);
	}

	public JobRequest withWindow(Instant from, Instant before) {
		return new JobRequest(this.buckets, this.prefix, from, before, this.allVersions, this.directory,
				this.quarantineDirectory, this.rescan, this.origin, this.kind);
	}

	public JobRequest withAllVersions(boolean allVersions) {
		return new JobRequest(this.buckets, this.prefix, this.modifiedFrom, this.modifiedBefore, allVersions,
				this.directory, this.quarantineDirectory, this.rescan, this.origin, this.kind);
	}

	public JobRequest withRescan(Rescan rescan) {
		return new JobRequest(this.buckets, this.prefix, this.modifiedFrom, this.modifiedBefore, this.allVersions,
				this.directory, this.quarantineDirectory, rescan, this.origin, this.kind);
	}

	public JobRequest withKind(JobKind kind) {
		return new JobRequest(this.buckets, this.prefix, this.modifiedFrom, this.modifiedBefore, this.allVersions,
				this.directory, this.quarantineDirectory, this.rescan, this.origin, kind);
	}

	/** The job's spec, with the window's end at the clock's now unless given. */
	public JobSpec toSpec(Clock clock) {
		return new JobSpec((this.buckets != null) ? this.buckets : List.of(), this.prefix,
				(this.modifiedFrom != null) ? this.modifiedFrom : JobSpec.S3_LAUNCH,
				(this.modifiedBefore != null) ? this.modifiedBefore : clock.instant(), this.allVersions, this.directory,
				this.quarantineDirectory, (this.rescan != null) ? this.rescan : Rescan.IF_UNSCANNED, this.origin,
				this.kind);
	}

}
