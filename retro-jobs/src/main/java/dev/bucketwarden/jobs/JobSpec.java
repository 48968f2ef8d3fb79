package dev.bucketwarden.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a job scans: S3 buckets (with an optional prefix and a LastModified window), or a
 * directory of a mounted file system.
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
 * its record
 */
public record JobSpec(List<String> buckets, String prefix, Instant modifiedFrom, Instant modifiedBefore,
		boolean allVersions, String directory, String quarantineDirectory, Rescan rescan, String origin, JobKind kind) {

	/** S3's launch: nothing in S3 is older. */
	public static final Instant S3_LAUNCH = Instant.parse("2006-03-14T00:00:00Z");

	public JobSpec {
		buckets = List.copyOf(buckets);
		prefix = (prefix != null) ? prefix : "";
		Objects.requireNonNull(modifiedFrom, "modifiedFrom");
		Objects.requireNonNull(modifiedBefore, "modifiedBefore");
		Objects.requireNonNull(rescan, "rescan");
		Objects.requireNonNull(origin, "origin");
		kind = (kind != null) ? kind : JobKind.SCAN;
		if (buckets.isEmpty() == (directory == null)) {
			throw new IllegalArgumentException("A job names either buckets or a directory");
		}
		if (kind == JobKind.DRIFT_CHECK && directory != null) {
			throw new IllegalArgumentException("A drift check compares S3 object tags: it names buckets");
		}
		if (!modifiedFrom.isBefore(modifiedBefore)) {
			throw new IllegalArgumentException("The window is empty: " + modifiedFrom + " to " + modifiedBefore);
		}
	}

	/** A scan job. */
	public JobSpec(List<String> buckets, String prefix, Instant modifiedFrom, Instant modifiedBefore,
			boolean allVersions, String directory, String quarantineDirectory, Rescan rescan, String origin) {
		this(buckets, prefix, modifiedFrom, modifiedBefore, allVersions, directory, quarantineDirectory, rescan, origin,
				JobKind.SCAN);
	}

	/** Whether LastModified falls in the window. */
	public boolean inWindow(Instant lastModified) {
		return !lastModified.isBefore(this.modifiedFrom) && lastModified.isBefore(this.modifiedBefore);
	}

	public boolean volume() {
		return this.directory != null;
	}

	/** Whether the job checks tags against records instead of scanning. */
	public boolean driftCheck() {
		return this.kind == JobKind.DRIFT_CHECK;
	}

}
