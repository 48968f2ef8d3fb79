package dev.bucketwarden.store.results;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Where scan records are kept: one record per object version and ETag. A final verdict is
 * never replaced by a weaker record (an Error or a Skipped one), and two scans of one
 * version cannot both believe they recorded it: the first write wins and the other one
 * learns which record stands.
 */
public interface ResultStore {

	/** The record of this exact version and ETag, if it was scanned before. */
	Optional<ScanRecord> find(String bucket, String key, String versionId, String eTag);

	/**
	 * Records a new verdict (or skip) for its version, unless a record is there that it
	 * may not replace: a Skipped record replaces nothing, an Error record replaces only
	 * an Error or a Skipped one, and a final verdict replaces those and, for a rescan,
	 * the final record the rescan was decided on ({@code replacing}).
	 * @param replacing the id of the record a rescan replaces, or {@code null}
	 * @return empty when it was written; otherwise the record that stands
	 */
	Optional<ScanRecord> create(ScanRecord record, @Nullable String replacing);

	/**
	 * Saves what happened since this record was created (remediation, publishing, tags),
	 * only while it is still the version's record (same id).
	 * @return whether it was saved; {@code false} when a rescan replaced the record
	 */
	boolean update(ScanRecord record);

}
