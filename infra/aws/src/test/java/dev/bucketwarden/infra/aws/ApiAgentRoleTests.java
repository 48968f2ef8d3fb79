package dev.bucketwarden.infra.aws;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API agent's role holds exactly what its two ways into S3 need and nothing more.
 * {@code /api/v1/scan/s3} runs the event agent's pipeline: HEAD and GET of the pinned
 * version, its tags read and written, the copy into quarantine (tagged by version, then
 * HEAD of the copy), the original's version deleted, listing for 404s and versions, the
 * result record read and put, findings on the topic, the bus and Security Hub.
 * {@code /api/v1/upload} stores into the upload buckets and HEADs what it stored.
 */
class ApiAgentRoleTests {

	private static final String S3 = "arn:${AWS::Partition}:s3:::";

	private static final List<String> READ = List.of("s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectTagging",
			"s3:GetObjectVersionTagging");

	private static final List<String> TAG = List.of("s3:PutObjectTagging", "s3:PutObjectVersionTagging");

	private static final List<String> DELETE = List.of("s3:DeleteObject", "s3:DeleteObjectVersion");

	private static final List<String> LIST = List.of("s3:ListBucket", "s3:ListBucketVersions");

	@Test
	void shouldGrantTheApiAgentExactlyWhatItsScansAndUploadsNeed() {
		Map<String, Object> expected = new LinkedHashMap<>();
		expected.put("ReadProtectedObjects", List.of(READ, objects("acme-uploads", "acme-invoices")));
		expected.put("ReadProtectedObjectsByPattern", List.of(READ, objects("acme-shared-*")));
		expected.put("TagProtectedObjects", List.of(TAG, objects("acme-uploads", "acme-invoices")));
		expected.put("TagProtectedObjectsByPattern", List.of(TAG, objects("acme-shared-*")));
		expected.put("RemoveInfectedProtectedObjects", List.of(DELETE, objects("acme-uploads", "acme-invoices")));
		expected.put("RemoveInfectedProtectedObjectsByPattern", List.of(DELETE, objects("acme-shared-*")));
		expected.put("ListProtectedBuckets", List.of(LIST, List.of(S3 + "acme-uploads", S3 + "acme-invoices")));
		expected.put("ListProtectedBucketsByPattern", List.of(LIST, List.of(S3 + "acme-shared-*")));
		expected.put("CopyIntoQuarantine", List.of(
				List.of("s3:PutObject", "s3:PutObjectTagging", "s3:PutObjectVersionTagging", "s3:AbortMultipartUpload"),
				List.of(S3 + "QUARANTINE/*")));
		expected.put("CheckQuarantineCopies",
				List.of(List.of("s3:GetObject", "s3:GetObjectVersion"), List.of(S3 + "QUARANTINE/*")));
		expected.put("FindQuarantineCopies", List.of(List.of("s3:ListBucket"), List.of(S3 + "QUARANTINE")));
		expected.put("StoreCleanUploads",
				List.of(List.of("s3:PutObject", "s3:PutObjectTagging", "s3:AbortMultipartUpload"),
						objects("acme-api-uploads")));
		expected.put("CheckStoredUploads", List.of(List.of("s3:GetObject"), objects("acme-api-uploads")));
		expected.put("FindStoredUploads", List.of(List.of("s3:ListBucket"), List.of(S3 + "acme-api-uploads")));
		expected.put("UseBucketKeysThroughS3",
				List.of(List.of("kms:Decrypt", "kms:GenerateDataKey"), List.of(SynthesizedApp.KMS_KEY)));
		expected.put("RecordResults", List.of(List.of("dynamodb:GetItem", "dynamodb:PutItem"), List.of("RESULTS")));
		expected.put("null", List.of(List.of("sns:Publish"), List.of("FINDINGS")));
		expected.put("ReadBucketSettings", List.of(List.of("dynamodb:GetItem", "dynamodb:Query"), List.of("SETTINGS")));
		expected.put("PutFindingEvents", List.of(List.of("events:PutEvents"), List.of("arn:${AWS::Partition}:events:"
				+ SynthesizedApp.CONSOLE_REGION + ":${AWS::AccountId}:event-bus/default")));
		expected.put("ImportSecurityHubFindings",
				List.of(List.of("securityhub:BatchImportFindings"), List.of("arn:${AWS::Partition}:securityhub:"
						+ SynthesizedApp.CONSOLE_REGION + ":${AWS::AccountId}:product/${AWS::AccountId}/default")));
		expected.put("ReadAndResolveSecurityHubFindings",
				List.of(List.of("securityhub:GetFindings", "securityhub:BatchUpdateFindings"),
						List.of("arn:${AWS::Partition}:securityhub:" + SynthesizedApp.CONSOLE_REGION
								+ ":${AWS::AccountId}:hub/default")));
		// The linked account the console region's agents act on, exactly its role.
		expected.put("AssumeLinkedAccountRoles", List.of(List.of("sts:AssumeRole"),
				List.of("arn:${AWS::Partition}:iam::" + SynthesizedApp.LINKED_ACCOUNT + ":role/bucketwarden-linked")));
		// PutMetricData has no resource: MonitoringTests checks its namespace condition.
		expected.put("PublishScanMetrics", List.of(List.of("cloudwatch:PutMetricData"), List.of("*")));

		Map<String, Object> granted = new LinkedHashMap<>();
		for (IamPolicyTests.Grant grant : IamPolicyTests.allGrants()) {
			if (grant.where().startsWith("console/ApiAgentRole")) {
				String sid = grant.where().substring(grant.where().lastIndexOf('/') + 1);
				assertThat(granted).as("statement ids").doesNotContainKey(sid);
				granted.put(sid, List.of(grant.actions(), grant.resources().stream().map(this::named).toList()));
			}
		}
		assertThat(granted).containsExactlyEntriesOf(expected);
	}

	/** The stack's resources by role, without their logical ids' hashes. */
	private String named(String resource) {
		return resource.replaceAll("\\$\\{ScanningQuarantineBucket[0-9A-F]+}", "QUARANTINE")
			.replaceAll("\\$\\{ResultsTable[0-9A-F]+\\.Arn}", "RESULTS")
			.replaceAll("\\$\\{SettingsTable[0-9A-F]+\\.Arn}", "SETTINGS")
			.replaceAll("\\$\\{Findings[0-9A-F]+}", "FINDINGS");
	}

	private static List<String> objects(String... buckets) {
		return List.of(buckets).stream().map((bucket) -> S3 + bucket + "/*").toList();
	}

}
