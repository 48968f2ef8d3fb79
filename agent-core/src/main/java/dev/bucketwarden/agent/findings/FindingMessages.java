package dev.bucketwarden.agent.findings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import dev.bucketwarden.engine.spi.ErrorKind;
import dev.bucketwarden.store.drift.TagDrift;
import dev.bucketwarden.store.results.Coverage;
import dev.bucketwarden.store.results.ResultStatus;
import dev.bucketwarden.store.results.ScanRecord;

/**
 * The JSON of findings. Our own shape carries everything we record, plus the field names
 * users of the incumbent products look for ({@code dateScanned},
 * {@code detectedInfections}, {@code result}, {@code errorMessage}); the EventBridge
 * detail is shaped like GuardDuty's "GuardDuty Malware Protection Object Scan Result" so
 * rules written for it match ours.
 */
public final class FindingMessages {

	/** Message attribute and field naming the kind of notification. */
	public static final String NOTIFICATION_TYPE = "notificationType";

	/** Message attribute with the result label, for subscription filter policies. */
	public static final String SCAN_RESULT = "scanResult";

	public static final String SCAN_RESULT_TYPE = "ScanResult";

	public static final String DETAIL_TYPE = "Object Scan Result";

	/** The notification type of a tag drift a drift check found. */
	public static final String TAG_DRIFT_TYPE = "TagDrift";

	/** Message attribute with the drift kind, for subscription filter policies. */
	public static final String DRIFT_KIND = "driftKind";

	/** The EventBridge detail type of tag drifts. */
	public static final String DRIFT_DETAIL_TYPE = "BucketWarden Tag Drift";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private FindingMessages() {
	}

	public static String finding(ScanRecord record) {
		return JSON.writeValueAsString(fields(record));
	}

	/**
	 * A Slack-compatible webhook message: a one-line {@code text} first, then every field
	 * of {@link #finding}.
	 */
	public static String webhook(ScanRecord record) {
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("text", summary(record));
		message.putAll(fields(record));
		return JSON.writeValueAsString(message);
	}

	/**
	 * One line for people, e.g. {@code BucketWarden: Infected s3://bucket/key (Eicar)};
	 * the signatures, or the reason of a result that is neither Clean nor Infected.
	 */
	public static String summary(ScanRecord record) {
		String detail = !record.signatures().isEmpty() ? String.join(", ", record.signatures()) : record.reason();
		return "BucketWarden: " + record.status().label() + " s3://" + record.bucket() + "/" + record.key()
				+ ((detail != null && !detail.isBlank()) ? " (" + detail + ")" : "");
	}

	private static Map<String, Object> fields(ScanRecord record) {
		Map<String, Object> finding = new LinkedHashMap<>();
		finding.put(NOTIFICATION_TYPE, SCAN_RESULT_TYPE);
		finding.put("id", record.id());
		finding.put("bucket", record.bucket());
		finding.put("key", record.key());
		finding.put("versionId", record.versionId());
		finding.put("eTag", record.eTag());
		finding.put("size", record.size());
		finding.put("result", record.status().label());
		finding.put("reason", record.reason());
		finding.put("errorKind", record.errorKind());
		finding.put("signatures", record.signatures());
		finding.put("engines", record.engines());
		finding.put("optionalFailures", optionalFailures(record));
		finding.put("dateScanned", record.scannedAt().toString());
		finding.put("scanMillis", record.scanDuration().toMillis());
		finding.put("tagging", record.tagging().name());
		finding.put("remediation", record.remediation().name());
		finding.put("quarantineLocation", record.quarantineLocation());
		finding.put("source", record.source().name());
		finding.put("detectedInfections", record.signatures());
		finding.put("errorMessage", (record.status() == ResultStatus.ERROR) ? record.reason() : null);
		if (record.coverage() != null) {
			finding.put("coverage", coverage(record.coverage()));
		}
		return finding;
	}

	/**
	 * How the bytes were scanned, for a record scanned in parts: a Clean of a windowed
	 * object is not a Clean of the whole file, and the reader is told what the way could
	 * not see.
	 */
	static Map<String, Object> coverage(Coverage coverage) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("kind", coverage.kind().name());
		fields.put("window", coverage.window());
		fields.put("overlap", coverage.overlap());
		fields.put("parts", coverage.parts());
		fields.put("blindSpots", coverage.blindSpots());
		return fields;
	}

	/** The EventBridge detail, in GuardDuty's shape. */
	public static String guardDutyDetail(ScanRecord record) {
		Map<String, Object> object = new LinkedHashMap<>();
		object.put("bucketName", record.bucket());
		object.put("objectKey", record.key());
		object.put("eTag", record.eTag());
		object.put("versionId", record.versionId());
		object.put("s3Throttled", false);
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("scanResultStatus", guardDutyStatus(record));
		result.put("threats", record.signatures().isEmpty() ? null
				: record.signatures().stream().map((name) -> Map.of("name", name)).toList());
		Map<String, Object> detail = new LinkedHashMap<>();
		detail.put("schemaVersion", "1.0");
		detail.put("scanStatus", (record.status() == ResultStatus.SKIPPED) ? "SKIPPED"
				: (record.status() == ResultStatus.ERROR) ? "FAILED" : "COMPLETED");
		detail.put("resourceType", "S3_OBJECT");
		detail.put("s3ObjectDetails", object);
		detail.put("scanResultDetails", result);
		Map<String, Object> ours = new LinkedHashMap<>();
		ours.put("id", record.id());
		ours.put("result", record.status().label());
		ours.put("engines", record.engines().stream().map(ScanRecord.EngineRecord::engineId).toList());
		ours.put("optionalFailures", optionalFailures(record));
		if (record.coverage() != null) {
			ours.put("coverage", coverage(record.coverage()));
		}
		detail.put("bucketwarden", ours);
		return JSON.writeValueAsString(detail);
	}

	/**
	 * Optional engines that failed, with why: a Clean whose optional engines failed is
	 * still Clean, but it says which checks did not run.
	 */
	private static List<Map<String, String>> optionalFailures(ScanRecord record) {
		return record.optionalFailures()
			.stream()
			.map((engine) -> Map.of("engineId", engine.engineId(), "detail",
					(engine.detail() != null) ? engine.detail() : ""))
			.toList();
	}

	private static String guardDutyStatus(ScanRecord record) {
		ErrorKind kind = (record.errorKind() != null) ? ErrorKind.valueOf(record.errorKind()) : null;
		String value = record.status().guardDutyValue(kind);
		return (value != null) ? value : "UNSUPPORTED";
	}

	/**
	 * A tag drift: what the tag says, what the record says, and how they disagree. The
	 * object was neither re-tagged nor moved; rescanning it settles its result.
	 */
	public static String drift(TagDrift drift) {
		return JSON.writeValueAsString(fields(drift));
	}

	/** A Slack-compatible webhook message of a tag drift. */
	public static String webhook(TagDrift drift) {
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("text", summary(drift));
		message.putAll(fields(drift));
		return JSON.writeValueAsString(message);
	}

	/**
	 * One line for people, e.g.
	 * {@code BucketWarden: tag drift FORGED_RESULT s3://bucket/key (tag scan-result=Clean, record Infected)}.
	 */
	public static String summary(TagDrift drift) {
		return "BucketWarden: tag drift " + drift.kind().name() + " s3://" + drift.bucket() + "/" + drift.key()
				+ " (tag " + ((drift.tagFound() != null) ? drift.tagFound() : "removed") + ", record "
				+ ((drift.recordedResult() != null) ? drift.recordedResult() : "none") + ")";
	}

	private static Map<String, Object> fields(TagDrift drift) {
		Map<String, Object> finding = new LinkedHashMap<>();
		finding.put(NOTIFICATION_TYPE, TAG_DRIFT_TYPE);
		finding.put("id", drift.id());
		finding.put("jobId", drift.jobId());
		finding.put("bucket", drift.bucket());
		finding.put("key", drift.key());
		finding.put("versionId", drift.versionId());
		finding.put("eTag", drift.eTag());
		finding.put("tagFound", drift.tagFound());
		finding.put("recordedResult", drift.recordedResult());
		finding.put(DRIFT_KIND, drift.kind().name());
		finding.put("detectedAt", drift.detectedAt().toString());
		return finding;
	}

	static Map<String, String> attributes(TagDrift drift) {
		return Map.of(NOTIFICATION_TYPE, TAG_DRIFT_TYPE, DRIFT_KIND, drift.kind().name());
	}

	static Map<String, String> attributes(ScanRecord record) {
		return Map.of(NOTIFICATION_TYPE, SCAN_RESULT_TYPE, SCAN_RESULT, record.status().label());
	}

}
