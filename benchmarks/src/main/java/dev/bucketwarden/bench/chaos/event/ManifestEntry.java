package dev.bucketwarden.bench.chaos.event;

import java.time.Instant;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * One version the load wrote: where, its digest and size, the verdict it must get, and
 * what the load did to it afterwards.
 *
 * @param version bucket, key, version id and ETag
 * @param sha256 the content's SHA-256, hex
 * @param size its length
 * @param kind its form
 * @param overwritten a later write replaced it (in an unversioned bucket: it is gone)
 * @param deleted deleted right after it was written
 * @param retro written before protection, for the retro job
 * @param written when S3 acknowledged the write
 */
record ManifestEntry(VersionRef version, String sha256, long size, ContentKind kind, boolean overwritten,
		boolean deleted, boolean retro, Instant written) {

	Expected expected() {
		return this.kind.expected();
	}

	/** Whether the version should still be in its bucket, unless remediation moved it. */
	boolean present() {
		return !this.deleted && !this.overwritten;
	}

	String line() {
		return String.join("\t", this.version.bucket(), this.version.key(), nullable(this.version.versionId()),
				this.version.eTag(), this.sha256, Long.toString(this.size), this.kind.name(),
				this.expected().name().toLowerCase(Locale.ROOT), this.overwritten ? "overwritten" : "-",
				this.deleted ? "deleted" : "-", this.retro ? "retro" : "event", this.written.toString());
	}

	private static String nullable(@Nullable String value) {
		return (value != null) ? value : "null";
	}

}
