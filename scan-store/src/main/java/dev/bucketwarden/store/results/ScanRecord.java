package dev.bucketwarden.store.results;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.bucketwarden.store.tags.TaggingStatus;

/**
 * The durable record of one scan of one object version.
 *
 * @param id a unique id, also the finding's id
 * @param bucket the bucket
 * @param key the key
 * @param versionId the scanned version, or {@code null}
 * @param eTag the scanned ETag
 * @param size the size in bytes
 * @param status the result
 * @param reason why the result is not clean, if known (signature names are in engines)
 * @param errorKind for errors, the kind (such as {@code ACCESS_DENIED})
 * @param signatures every signature found, all engines together
 * @param engines each engine's part
 * @param scannedAt when the verdict was reached
 * @param scanDuration how long the engine chain took
 * @param tagging what happened to the tags
 * @param remediation what was done with the object
 * @param quarantineLocation where the object went, for quarantined objects
 * @param published whether the finding went out
 * @param source how the scan request came in
 * @param droppedTags our tag keys that did not fit beside the user's tags (S3 allows 10)
 * @param eventTime when the request to scan arose (the S3 event's {@code eventTime}, the
 * API request's arrival), the start of time to verdict; {@code null} for retro scans and
 * for records written before it was kept
 * @param coverage how the bytes were scanned; {@code null} for a whole scan (and every
 * record written before large objects were scanned in parts)
 * @param region the region whose agent scanned it (agents of every region record into the
 * console region's table); {@code null} for records written before regions were kept
 */
public record ScanRecord(String id, String bucket, String key, @Nullable String versionId, String eTag, long size,
		ResultStatus status, @Nullable String reason, @Nullable String errorKind, List<String> signatures,
		List<EngineRecord> engines, Instant scannedAt, Duration scanDuration, TaggingStatus tagging,
		RemediationState remediation, @Nullable String quarantineLocation, boolean published, ScanSource source,
		List<String> droppedTags, @Nullable Instant eventTime, @Nullable Coverage coverage, @Nullable String region) {

	public ScanRecord {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(status, "status");
		signatures = List.copyOf(signatures);
		engines = List.copyOf(engines);
		droppedTags = (droppedTags != null) ? List.copyOf(droppedTags) : List.of();
		region = (region == null || region.isBlank()) ? null : region;
	}

	/** A record that does not say its region (the store adds the writer's). */
	public ScanRecord(String id, String bucket, String key, @Nullable String versionId, String eTag, long size,
			ResultStatus status, @Nullable String reason, @Nullable String errorKind, List<String> signatures,
			List<EngineRecord> engines, Instant scannedAt, Duration scanDuration, TaggingStatus tagging,
			RemediationState remediation, @Nullable String quarantineLocation, boolean published, ScanSource source,
			List<String> droppedTags, @Nullable Instant eventTime, @Nullable Coverage coverage) {
		this(id, bucket, key, versionId, eTag, size, status, reason, errorKind, signatures, engines, scannedAt,
				scanDuration, tagging, remediation, quarantineLocation, published, source, droppedTags, eventTime,
				coverage, null);
	}

	/** A record of a whole scan (no coverage: the object was scanned in one piece). */
	public ScanRecord(String id, String bucket, String key, @Nullable String versionId, String eTag, long size,
			ResultStatus status, @Nullable String reason, @Nullable String errorKind, List<String> signatures,
			List<EngineRecord> engines, Instant scannedAt, Duration scanDuration, TaggingStatus tagging,
			RemediationState remediation, @Nullable String quarantineLocation, boolean published, ScanSource source,
			List<String> droppedTags, @Nullable Instant eventTime) {
		this(id, bucket, key, versionId, eTag, size, status, reason, errorKind, signatures, engines, scannedAt,
				scanDuration, tagging, remediation, quarantineLocation, published, source, droppedTags, eventTime,
				null);
	}

	/**
	 * A record without an event time (retro scans, records written before it was kept).
	 */
	public ScanRecord(String id, String bucket, String key, @Nullable String versionId, String eTag, long size,
			ResultStatus status, @Nullable String reason, @Nullable String errorKind, List<String> signatures,
			List<EngineRecord> engines, Instant scannedAt, Duration scanDuration, TaggingStatus tagging,
			RemediationState remediation, @Nullable String quarantineLocation, boolean published, ScanSource source,
			List<String> droppedTags) {
		this(id, bucket, key, versionId, eTag, size, status, reason, errorKind, signatures, engines, scannedAt,
				scanDuration, tagging, remediation, quarantineLocation, published, source, droppedTags, null);
	}

	/** A record whose tags all fitted (or were not written). */
	public ScanRecord(String id, String bucket, String key, String versionId, String eTag, long size,
			ResultStatus status, String reason, String errorKind, List<String> signatures, List<EngineRecord> engines,
			Instant scannedAt, Duration scanDuration, TaggingStatus tagging, RemediationState remediation,
			String quarantineLocation, boolean published, ScanSource source) {
		this(id, bucket, key, versionId, eTag, size, status, reason, errorKind, signatures, engines, scannedAt,
				scanDuration, tagging, remediation, quarantineLocation, published, source, List.of());
	}

	/**
	 * Whether this is a verdict on the content (Clean, Infected, InfectedAllowed,
	 * Unscannable): a record that only an equal or newer verdict may replace, never an
	 * Error or a Skipped one.
	 */
	public boolean isFinal() {
		return this.status != ResultStatus.ERROR && this.status != ResultStatus.SKIPPED;
	}

	/** Whether an earlier attempt left remediation or publishing undone. */
	public boolean unfinished() {
		return this.remediation == RemediationState.PENDING || !this.published;
	}

	public ScanRecord withRemediation(RemediationState remediation, String quarantineLocation) {
		return new ScanRecord(this.id, this.bucket, this.key, this.versionId, this.eTag, this.size, this.status,
				this.reason, this.errorKind, this.signatures, this.engines, this.scannedAt, this.scanDuration,
				this.tagging, remediation, quarantineLocation, this.published, this.source, this.droppedTags,
				this.eventTime, this.coverage, this.region);
	}

	public ScanRecord withTagging(TaggingStatus tagging) {
		return new ScanRecord(this.id, this.bucket, this.key, this.versionId, this.eTag, this.size, this.status,
				this.reason, this.errorKind, this.signatures, this.engines, this.scannedAt, this.scanDuration, tagging,
				this.remediation, this.quarantineLocation, this.published, this.source, this.droppedTags,
				this.eventTime, this.coverage, this.region);
	}

	public ScanRecord withPublished() {
		return new ScanRecord(this.id, this.bucket, this.key, this.versionId, this.eTag, this.size, this.status,
				this.reason, this.errorKind, this.signatures, this.engines, this.scannedAt, this.scanDuration,
				this.tagging, this.remediation, this.quarantineLocation, true, this.source, this.droppedTags,
				this.eventTime, this.coverage, this.region);
	}

	/** The same record, with when the request to scan arose. */
	public ScanRecord withEventTime(@Nullable Instant eventTime) {
		return new ScanRecord(this.id, this.bucket, this.key, this.versionId, this.eTag, this.size, this.status,
				this.reason, this.errorKind, this.signatures, this.engines, this.scannedAt, this.scanDuration,
				this.tagging, this.remediation, this.quarantineLocation, this.published, this.source, this.droppedTags,
				eventTime, this.coverage, this.region);
	}

	/** The same record, scanned in parts this way ({@code null}: whole). */
	public ScanRecord withCoverage(@Nullable Coverage coverage) {
		return new ScanRecord(this.id, this.bucket, this.key, this.versionId, this.eTag, this.size, this.status,
				this.reason, this.errorKind, this.signatures, this.engines, this.scannedAt, this.scanDuration,
				this.tagging, this.remediation, this.quarantineLocation, this.published, this.source, this.droppedTags,
				this.eventTime, coverage, this.region);
	}

	/** The same record, scanned by an agent of this region. */
	public ScanRecord withRegion(@Nullable String region) {
		return new ScanRecord(this.id, this.bucket, this.key, this.versionId, this.eTag, this.size, this.status,
				this.reason, this.errorKind, this.signatures, this.engines, this.scannedAt, this.scanDuration,
				this.tagging, this.remediation, this.quarantineLocation, this.published, this.source, this.droppedTags,
				this.eventTime, this.coverage, region);
	}

	/**
	 * How the bytes were scanned: {@link Coverage#WHOLE} when the record names no parts.
	 */
	public Coverage scannedAs() {
		return (this.coverage != null) ? this.coverage : Coverage.WHOLE;
	}

	/**
	 * From the request to scan to the verdict, or {@code null} without an event time. An
	 * event time after the verdict (clocks apart) counts as zero.
	 */
	public @Nullable Duration timeToVerdict() {
		if (this.eventTime == null) {
			return null;
		}
		Duration between = Duration.between(this.eventTime, this.scannedAt);
		return between.isNegative() ? Duration.ZERO : between;
	}

	/**
	 * Optional engines that failed on this object: the verdict rests on the other engines
	 * only, which records, findings and tags say openly.
	 */
	public List<EngineRecord> optionalFailures() {
		return this.engines.stream().filter(EngineRecord::optionalFailure).toList();
	}

	/**
	 * One engine's part of a scan.
	 *
	 * @param engineId the engine id
	 * @param result its own result label
	 * @param signatures what it found
	 * @param detail its reason or error message, if any
	 * @param product product and version
	 * @param signatureVersion its signature version, if known
	 * @param durationMillis how long it took
	 * @param signatureDate when its signatures were published, if known (the console
	 * shows their age; a scheduled rescan picks objects scanned with older ones)
	 * @param required whether the verdict depended on it (records written before optional
	 * engines existed read as required)
	 */
	public record EngineRecord(String engineId, String result, List<String> signatures, @Nullable String detail,
			String product, @Nullable String signatureVersion, long durationMillis, @Nullable Instant signatureDate,
			boolean required) {

		public EngineRecord {
			signatures = List.copyOf(signatures);
		}

		/** A required engine's record. */
		public EngineRecord(String engineId, String result, List<String> signatures, @Nullable String detail,
				String product, @Nullable String signatureVersion, long durationMillis,
				@Nullable Instant signatureDate) {
			this(engineId, result, signatures, detail, product, signatureVersion, durationMillis, signatureDate, true);
		}

		/** A required engine's record without a signature date. */
		public EngineRecord(String engineId, String result, List<String> signatures, @Nullable String detail,
				String product, @Nullable String signatureVersion, long durationMillis) {
			this(engineId, result, signatures, detail, product, signatureVersion, durationMillis, null, true);
		}

		/** An engine's record without a signature date. */
		public EngineRecord(String engineId, String result, List<String> signatures, String detail, String product,
				String signatureVersion, long durationMillis, boolean required) {
			this(engineId, result, signatures, detail, product, signatureVersion, durationMillis, null, required);
		}

		/** An optional engine that failed: it did not take part in the verdict. */
		public boolean optionalFailure() {
			return !this.required && ResultStatus.ERROR.label().equals(this.result);
		}

	}

}
