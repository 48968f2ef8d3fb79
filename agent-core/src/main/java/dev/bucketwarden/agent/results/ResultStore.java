package dev.bucketwarden.agent.results;

import java.util.Optional;

/** Where scan records are kept. */
public interface ResultStore {

	/** The record of this exact version and ETag, if it was scanned before. */
	Optional<ScanRecord> find(String bucket, String key, String versionId, String eTag);

	/** Creates or replaces the record of this version and ETag. */
	void save(ScanRecord record);

}
