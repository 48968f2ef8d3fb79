package dev.bucketwarden.bench.chaos.event;

import org.jspecify.annotations.Nullable;

/**
 * One version of one object as the results table keys it: bucket, key, version id (none
 * in an unversioned bucket) and ETag (without quotes).
 */
record VersionRef(String bucket, String key, @Nullable String versionId, String eTag) {

	static VersionRef of(String bucket, String key, @Nullable String versionId, @Nullable String eTag) {
		String version = (versionId == null || versionId.isEmpty() || "null".equals(versionId)) ? null : versionId;
		String tag = (eTag != null) ? eTag.replace("\"", "") : "";
		return new VersionRef(bucket, key, version, tag);
	}

	@Override
	public String toString() {
		return "s3://" + this.bucket + "/" + this.key + ((this.versionId != null) ? " v " + this.versionId : "") + " ("
				+ this.eTag + ")";
	}

}
