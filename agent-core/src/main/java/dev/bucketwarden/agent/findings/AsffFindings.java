package dev.bucketwarden.agent.findings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.bucketwarden.store.results.Coverage;
import dev.bucketwarden.store.results.RemediationState;
import dev.bucketwarden.store.results.ScanRecord;

/**
 * Scan records in the AWS Security Finding Format. One finding per object version (its id
 * a digest of bucket, key and version, or the ETag where the bucket keeps no versions),
 * so a rescan of the version updates its finding instead of adding one. The mapping table
 * is in docs/operations.md.
 */
final class AsffFindings {

	static final String SCHEMA_VERSION = "2018-10-08";

	static final String GENERATOR_ID = "bucketwarden-malware-scan";

	/**
	 * Malware stored where people download it is a way in for whoever opens it (MITRE
	 * ATT&CK's User Execution: Malicious File); "Effects" would claim a consequence we
	 * did not observe.
	 */
	static final String TYPE_MALWARE = "TTPs/Initial Access/Malicious File";

	/** An object that could not be verified is a gap in a control, not a detection. */
	static final String TYPE_UNSCANNABLE = "Software and Configuration Checks/AWS Security Best Practices/Unscannable S3 Object";

	static final String TYPE_ERROR = "Software and Configuration Checks/AWS Security Best Practices/S3 Object Scan Failed";

	/** ASFF limits: Title 256, Description 1024, Malware 5 entries with names of 64. */
	private static final int MAX_TITLE = 256;

	private static final int MAX_DESCRIPTION = 1024;

	private static final int MAX_MALWARE = 5;

	private static final int MAX_MALWARE_NAME = 64;

	private static final int MAX_PRODUCT_FIELD = 2048;

	private final String partition;

	private final String region;

	private final String account;

	AsffFindings(String partition, String region, String account) {
		this.partition = partition;
		this.region = region;
		this.account = account;
	}

	/**
	 * The account's default product, which any account may import its own findings to.
	 */
	String productArn() {
		return "arn:" + this.partition + ":securityhub:" + this.region + ":" + this.account + ":product/" + this.account
				+ "/default";
	}

	/** Stable per object version: what a rescan of the version updates. */
	static String findingId(ScanRecord record) {
		String version = (record.versionId() != null) ? "version:" + record.versionId() : "etag:" + record.eTag();
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((record.bucket() + "\n" + record.key() + "\n" + version).getBytes(StandardCharsets.UTF_8));
			return "bucketwarden/s3-object/" + HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing", ex);
		}
	}

	/**
	 * The finding of a record.
	 * @param state how the finding stands after this record
	 * @param createdAt when the finding was first created (kept on update)
	 * @param now the update's time
	 * @param update whether the finding exists: then severity and types go in
	 * {@code FindingProviderFields} only, as AWS asks of providers (the top-level copies
	 * are the customer's, and Security Hub updates them from those unless the customer
	 * changed them)
	 */
	Map<String, Object> finding(ScanRecord record, FindingState state, Instant createdAt, Instant now, boolean update) {
		Map<String, Object> finding = new LinkedHashMap<>();
		finding.put("SchemaVersion", SCHEMA_VERSION);
		finding.put("Id", findingId(record));
		finding.put("ProductArn", productArn());
		finding.put("GeneratorId", GENERATOR_ID);
		finding.put("AwsAccountId", this.account);
		finding.put("Region", this.region);
		finding.put("CompanyName", "BucketWarden");
		finding.put("ProductName", "BucketWarden");
		List<String> types = List.of(type(state));
		Map<String, Object> severity = Map.of("Label", state.severity(), "Original", state.result());
		if (!update) {
			finding.put("Types", types);
			finding.put("Severity", severity);
		}
		finding.put("FindingProviderFields", Map.of("Types", types, "Severity", severity));
		finding.put("CreatedAt", createdAt.toString());
		finding.put("UpdatedAt", now.toString());
		finding.put("FirstObservedAt", createdAt.toString());
		finding.put("LastObservedAt", record.scannedAt().toString());
		finding.put("Title", cut(state.title() + " s3://" + record.bucket() + "/" + record.key(), MAX_TITLE));
		finding.put("Description", cut(FindingMessages.summary(record) + ". " + state.description(), MAX_DESCRIPTION));
		finding.put("Resources", resources(record));
		if (!record.signatures().isEmpty()) {
			finding.put("Malware", malware(record));
		}
		finding.put("ProductFields", productFields(record));
		finding.put("RecordState", state.recordState());
		finding.put("Workflow", Map.of("Status", state.workflow()));
		return finding;
	}

	private static String type(FindingState state) {
		return switch (state.kind()) {
			case MALWARE -> TYPE_MALWARE;
			case UNSCANNABLE -> TYPE_UNSCANNABLE;
			case ERROR -> TYPE_ERROR;
		};
	}

	private List<Map<String, Object>> resources(ScanRecord record) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("ETag", record.eTag());
		if (record.versionId() != null) {
			details.put("VersionId", record.versionId());
		}
		Map<String, Object> object = new LinkedHashMap<>();
		object.put("Type", "AwsS3Object");
		object.put("Id", "arn:" + this.partition + ":s3:::" + record.bucket() + "/" + record.key());
		object.put("Partition", this.partition);
		object.put("Region", this.region);
		object.put("Details", Map.of("AwsS3Object", details));
		Map<String, Object> bucket = new LinkedHashMap<>();
		bucket.put("Type", "AwsS3Bucket");
		bucket.put("Id", "arn:" + this.partition + ":s3:::" + record.bucket());
		bucket.put("Partition", this.partition);
		bucket.put("Region", this.region);
		return List.of(object, bucket);
	}

	/** Removed once the object is quarantined or deleted; observed while it is there. */
	private static List<Map<String, Object>> malware(ScanRecord record) {
		boolean removed = record.remediation() == RemediationState.QUARANTINED
				|| record.remediation() == RemediationState.DELETED;
		List<Map<String, Object>> malware = new ArrayList<>();
		for (String signature : record.signatures()) {
			if (malware.size() == MAX_MALWARE) {
				break;
			}
			malware.add(Map.of("Name", cut(signature, MAX_MALWARE_NAME), "State", removed ? "REMOVED" : "OBSERVED"));
		}
		return malware;
	}

	/** Everything else we record, under our own prefix (every signature and engine). */
	private static Map<String, String> productFields(ScanRecord record) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("bucketwarden/result", record.status().label());
		fields.put("bucketwarden/recordId", record.id());
		fields.put("bucketwarden/bucket", record.bucket());
		fields.put("bucketwarden/key", cut(record.key(), MAX_PRODUCT_FIELD));
		fields.put("bucketwarden/versionId", (record.versionId() != null) ? record.versionId() : "");
		fields.put("bucketwarden/eTag", record.eTag());
		fields.put("bucketwarden/size", Long.toString(record.size()));
		fields.put("bucketwarden/signatures", cut(String.join(", ", record.signatures()), MAX_PRODUCT_FIELD));
		fields.put("bucketwarden/engines", cut(String.join(", ", record.engines()
			.stream()
			.map((engine) -> engine.engineId() + " " + engine.result() + " (" + engine.product()
					+ ((engine.signatureVersion() != null) ? ", signatures " + engine.signatureVersion() : "") + ")")
			.toList()), MAX_PRODUCT_FIELD));
		fields.put("bucketwarden/remediation", record.remediation().name());
		fields.put("bucketwarden/source", record.source().name());
		fields.put("bucketwarden/scannedAt", record.scannedAt().toString());
		if (record.quarantineLocation() != null) {
			fields.put("bucketwarden/quarantineLocation", cut(record.quarantineLocation(), MAX_PRODUCT_FIELD));
		}
		if (record.reason() != null && !record.reason().isBlank()) {
			fields.put("bucketwarden/reason", cut(record.reason(), MAX_PRODUCT_FIELD));
		}
		if (record.errorKind() != null) {
			fields.put("bucketwarden/errorKind", record.errorKind());
		}
		if (record.coverage() != null) {
			// ProductFields are strings: one field each, so that insights can group by
			// kind.
			Coverage coverage = record.coverage();
			fields.put("bucketwarden/coverage", coverage.kind().name());
			fields.put("bucketwarden/coverageWindow", Long.toString(coverage.window()));
			fields.put("bucketwarden/coverageOverlap", Long.toString(coverage.overlap()));
			fields.put("bucketwarden/coverageParts", Integer.toString(coverage.parts()));
			fields.put("bucketwarden/coverageBlindSpots",
					cut(String.join("; ", coverage.blindSpots()), MAX_PRODUCT_FIELD));
		}
		return fields;
	}

	private static String cut(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max - 1) + "…";
	}

}
