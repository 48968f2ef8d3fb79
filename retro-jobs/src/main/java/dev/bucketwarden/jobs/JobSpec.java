package dev.bucketwarden.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a job scans: S3 buckets (with an optional prefix and a LastModified window), a
 * directory of a mounted file system, or an EBS snapshot.
 *
 * @param buckets the buckets to crawl; empty for a directory job
 * @param prefix only keys under this prefix ({@code ""} for all)
 * @param modifiedFrom the window's start, inclusive
 * @param modifiedBefore the window's end, exclusive (the moment the job was created:
 * event scanning covers everything after)
 * @param allVersions whether every version is scanned, not only the current ones
 * @param directory the directory of a mounted volume to walk, or {@code null} for a
 * bucket job
 * @param quarantineDirectory where a directory job moves infected files, or {@code null}
 * to leave them
 * @param rescan what to do with objects that already have a result
 * @param origin who created the job ({@code cli}, {@code schedule:NAME}, ...)
 * @param kind what is done with each listed object: scanned, or its tags checked against
 * its record; {@link JobKind#EBS} for a job that names an EBS snapshot
 * @param ebs the snapshot (or volume) of an EBS job, or {@code null}
 */
public record JobSpec(List<String> buckets, String prefix, Instant modifiedFrom, Instant modifiedBefore,
		boolean allVersions, String directory, String quarantineDirectory, Rescan rescan, String origin, JobKind kind,
		@Nullable EbsSource ebs) {

	/** S3's launch: nothing in S3 is older. */
	public static final Instant S3_LAUNCH = Instant.parse("2006-03-14T00:00:00Z");

	/**
	 * An EBS job's window: every file, whatever its time (file systems hold times long
	 * before S3 and after the job was created; a file left out would not be scanned).
	 */
	static final Instant ANY_TIME_FROM = Instant.parse("1000-01-01T00:00:00Z");

	static final Instant ANY_TIME_BEFORE = Instant.parse("9999-01-01T00:00:00Z");

	public JobSpec {
		buckets = List.copyOf(buckets);
		prefix = (prefix != null) ? prefix : "";
		Objects.requireNonNull(modifiedFrom, "modifiedFrom");
		Objects.requireNonNull(modifiedBefore, "modifiedBefore");
		Objects.requireNonNull(rescan, "rescan");
		Objects.requireNonNull(origin, "origin");
		kind = (kind != null) ? kind : JobKind.SCAN;
		if ((kind == JobKind.EBS) != (ebs != null)) {
			throw new IllegalArgumentException("An EBS job, and only an EBS job, names an EBS snapshot or volume");
		}
		if (ebs != null) {
			if (!buckets.isEmpty() || directory != null || quarantineDirectory != null) {
				throw new IllegalArgumentException(
						"An EBS job names a snapshot: no buckets, directory or quarantine (the volume is read-only)");
			}
		}
		else if (buckets.isEmpty() == (directory == null)) {
			throw new IllegalArgumentException("A job names either buckets or a directory");
		}
		if (kind == JobKind.DRIFT_CHECK && directory != null) {
			throw new IllegalArgumentException("A drift check compares S3 object tags: it names buckets");
		}
		if (!modifiedFrom.isBefore(modifiedBefore)) {
			throw new IllegalArgumentException("The window is empty: " + modifiedFrom + " to " + modifiedBefore);
		}
	}

	/** A bucket or directory job of this kind. */
	public JobSpec(List<String> buckets, String prefix, Instant modifiedFrom, Instant modifiedBefore,
			boolean allVersions, String directory, String quarantineDirectory, Rescan rescan, String origin,
			JobKind kind) {
		this(buckets, prefix, modifiedFrom, modifiedBefore, allVersions, directory, quarantineDirectory, rescan, origin,
				kind, null);
	}

	/** A scan job. */
	public JobSpec(List<String> buckets, String prefix, Instant modifiedFrom, Instant modifiedBefore,
			boolean allVersions, String directory, String quarantineDirectory, Rescan rescan, String origin) {
		this(buckets, prefix, modifiedFrom, modifiedBefore, allVersions, directory, quarantineDirectory, rescan, origin,
				JobKind.SCAN);
	}

	/**
	 * An EBS job: every file of the snapshot's file system, whatever its time, scanned
	 * again.
	 */
	public static JobSpec ebs(EbsSource ebs, String origin) {
		return new JobSpec(List.of(), "", ANY_TIME_FROM, ANY_TIME_BEFORE, false, null, null, Rescan.ALWAYS, origin,
				JobKind.EBS, ebs);
	}

	/** The same job with the snapshot taken of its volume. */
	public JobSpec withSnapshot(String snapshotId) {
		if (this.ebs == null) {
			throw new IllegalStateException("Not an EBS job");
		}
		return new JobSpec(this.buckets, this.prefix, this.modifiedFrom, this.modifiedBefore, this.allVersions,
				this.directory, this.quarantineDirectory, this.rescan, this.origin, this.kind,
				this.ebs.withSnapshot(snapshotId));
	}

	/** Whether LastModified falls in the window. */
	public boolean inWindow(Instant lastModified) {
		return !lastModified.isBefore(this.modifiedFrom) && lastModified.isBefore(this.modifiedBefore);
	}

	/**
	 * Whether the job walks a file system (a mounted directory, or an EBS snapshot's
	 * volume) rather than crawling buckets.
	 */
	public boolean volume() {
		return this.directory != null || this.ebs != null;
	}

	/** Whether the job scans an EBS snapshot. */
	public boolean ebsJob() {
		return this.ebs != null;
	}

	/** Whether the job checks tags against records instead of scanning. */
	public boolean driftCheck() {
		return this.kind == JobKind.DRIFT_CHECK;
	}

}
