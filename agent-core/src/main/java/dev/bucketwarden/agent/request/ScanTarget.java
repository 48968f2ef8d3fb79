package dev.bucketwarden.agent.request;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.bucketwarden.store.results.ScanSource;

/**
 * An S3 object to scan, as the request named it.
 *
 * @param bucket the bucket
 * @param key the key, decoded
 * @param versionId the version the event was about, or {@code null} (unversioned bucket
 * or not known); when set, the pipeline scans exactly that version
 * @param eTag the ETag the event reported, or {@code null}
 * @param source which way the request came in
 * @param eventTime when the object landed, as the S3 or EventBridge event says (the start
 * of its time to verdict, which users ask about: "when may I read it?"); for the API,
 * when the request came in; {@code null} when nothing says (a retro scan of an older
 * object)
 * @param account the AWS account the request says it was raised in (an EventBridge
 * event's {@code account}), or {@code null} when it names none: it must be the bucket's
 * own account
 */
public record ScanTarget(String bucket, String key, @Nullable String versionId, @Nullable String eTag,
		ScanSource source, @Nullable Instant eventTime, @Nullable String account) {

	public ScanTarget {
		Objects.requireNonNull(bucket, "bucket");
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(source, "source");
		if ("null".equals(versionId) || (versionId != null && versionId.isBlank())) {
			// S3 events report "null" for objects written while versioning was off.
			versionId = null;
		}
		if (eTag != null) {
			eTag = eTag.replace("\"", "");
		}
	}

	/** A target that names no account. */
	public ScanTarget(String bucket, String key, @Nullable String versionId, @Nullable String eTag, ScanSource source,
			@Nullable Instant eventTime) {
		this(bucket, key, versionId, eTag, source, eventTime, null);
	}

	/** A target with no event time. */
	public ScanTarget(String bucket, String key, @Nullable String versionId, @Nullable String eTag, ScanSource source) {
		this(bucket, key, versionId, eTag, source, null, null);
	}

	/** For logs: bucket, key and version on every scan line. */
	public String describe() {
		return "s3://" + this.bucket + "/" + this.key
				+ ((this.versionId != null) ? " (version " + this.versionId + ")" : "");
	}

}
