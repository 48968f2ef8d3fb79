package dev.bucketwarden.infra.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A linked account's stack: the role only the central deployment's exact roles may
 * assume, with the external id, for an hour; the agents' rights on that account's
 * protected buckets only and the console's listing and wiring; its own quarantine bucket
 * (IN_ACCOUNT) or copies into the deployment's (CENTRAL), whose policy lets exactly the
 * linked role in. The central roles may assume exactly the linked roles.
 */
class LinkedAccountStackTests {

	private static final String CENTRAL = "arn:${AWS::Partition}:iam::" + SynthesizedApp.ACCOUNT + ":role/";

	@Test
	void shouldDeployIntoTheLinkedAccount() {
		List<Stack> stacks = new ArrayList<>(SynthesizedApp.get().app().linkedAccounts());
		assertThat(stacks).extracting(Stack::getStackName)
			.containsExactly("BucketWarden-Linked-" + SynthesizedApp.LINKED_ACCOUNT,
					"BucketWarden-Linked-" + SynthesizedApp.CENTRAL_LINKED_ACCOUNT);
		assertThat(stacks).extracting(Stack::getAccount)
			.containsExactly(SynthesizedApp.LINKED_ACCOUNT, SynthesizedApp.CENTRAL_LINKED_ACCOUNT);
	}

	@Test
	void shouldRequireTheExternalIdAsAParameter() {
		Map<String, Object> parameter = Cfn.path(SynthesizedApp.get().linkedJson(), "Parameters", "ExternalId");
		assertThat(parameter).containsEntry("Type", "String")
			.containsEntry("MinLength", 16)
			.doesNotContainKey("Default");
	}

	@Test
	void shouldBeAssumedOnlyByTheCentralRolesWithTheExternalId() {
		assertTrust(SynthesizedApp.get().linkedJson(),
				List.of(CENTRAL + "bucketwarden-agent-event-eu-central-1",
						CENTRAL + "bucketwarden-agent-retro-eu-central-1",
						CENTRAL + "bucketwarden-agent-api-eu-central-1", CENTRAL + "bucketwarden-agent-event-us-west-2",
						CENTRAL + "bucketwarden-agent-retro-us-west-2", CENTRAL + "bucketwarden-console-eu-central-1"));
		// Acted on by the further region's agents only (and listed by the console).
		assertTrust(SynthesizedApp.get().centralLinkedJson(), List.of(CENTRAL + "bucketwarden-agent-event-us-west-2",
				CENTRAL + "bucketwarden-agent-retro-us-west-2", CENTRAL + "bucketwarden-console-eu-central-1"));
	}

	private static void assertTrust(Map<String, Object> template, List<String> principals) {
		Map<String, Object> role = linkedRole(template);
		assertThat(role).containsEntry("RoleName", "bucketwarden-linked").containsEntry("MaxSessionDuration", 3600);
		List<Object> statements = Cfn.list(Cfn.path(role, "AssumeRolePolicyDocument", "Statement"));
		assertThat(statements).isNotEmpty();
		List<String> trusted = new ArrayList<>();
		for (Object statement : statements) {
			assertThat((Object) Cfn.path(statement, "Action")).isEqualTo("sts:AssumeRole");
			assertThat((Object) Cfn.path(statement, "Condition"))
				.isEqualTo(Map.of("StringEquals", Map.of("sts:ExternalId", Map.of("Ref", "ExternalId"))));
			Cfn.list(Cfn.path(statement, "Principal", "AWS")).stream().map(Cfn::text).forEach(trusted::add);
		}
		assertThat(trusted).containsExactlyInAnyOrderElementsOf(principals);
	}

	@Test
	void shouldScanOnlyTheLinkedAccountsProtectedBuckets() {
		List<IamPolicyTests.Grant> grants = linkedGrants("linked");
		List<String> buckets = List.of("arn:${AWS::Partition}:s3:::partner-uploads",
				"arn:${AWS::Partition}:s3:::partner-data-*");
		for (IamPolicyTests.Grant grant : grants) {
			String sid = grant.where().substring(grant.where().lastIndexOf('/') + 1);
			if (grant.actions().stream().anyMatch((a) -> a.startsWith("s3:Delete") || a.equals("s3:GetObject"))
					&& !sid.startsWith("CheckQuarantine")) {
				assertThat(grant.resources()).as(sid)
					.allMatch((arn) -> buckets.stream().anyMatch((bucket) -> arn.equals(bucket + "/*")));
			}
			if (sid.endsWith("ByPattern")) {
				// Patterns reach the linked account's own buckets only.
				assertThat(grant.conditions()).as(sid)
					.isEqualTo(Map.of("StringEquals", Map.of("s3:ResourceAccount", Map.of("Ref", "AWS::AccountId"))));
			}
		}
		assertThat(grants).extracting((g) -> g.where().substring(g.where().lastIndexOf('/') + 1))
			.contains("ReadProtectedObjects", "ReadProtectedObjectsByPattern", "TagProtectedObjects",
					"RemoveInfectedProtectedObjects", "ListProtectedBuckets", "CopyIntoQuarantine", "ListBuckets",
					"LocateBucketsByPattern", "WireProtectedBuckets", "WireProtectedBucketsByPattern",
					"DescribeVolumesAndSnapshots")
			.doesNotContain("ApplyBucketPolicies");
	}

	@Test
	void shouldLetTheRetroAgentsSnapshotTagAndShareTheAccountsSnapshotsOnly() {
		Map<String, IamPolicyTests.Grant> grants = new TreeMap<>();
		linkedGrants("linked").stream()
			.filter((g) -> g.actions().stream().anyMatch((a) -> a.startsWith("ec2:")))
			.forEach((g) -> grants.put(g.where().substring(g.where().lastIndexOf('/') + 1), g));
		List<String> snapshots = List.of("arn:${AWS::Partition}:ec2:eu-central-1::snapshot/*",
				"arn:${AWS::Partition}:ec2:us-west-2::snapshot/*");

		assertThat(grants).containsOnlyKeys("DescribeVolumesAndSnapshots", "SnapshotVolumes", "CreateJobSnapshots",
				"TagSnapshots", "ShareSnapshotsWithTheDeployment");
		assertThat(grants.get("SnapshotVolumes").actions()).containsExactly("ec2:CreateSnapshot");
		assertThat(grants.get("SnapshotVolumes").resources()).containsExactly(
				"arn:${AWS::Partition}:ec2:eu-central-1:${AWS::AccountId}:volume/*",
				"arn:${AWS::Partition}:ec2:us-west-2:${AWS::AccountId}:volume/*");
		assertThat(grants.get("CreateJobSnapshots").resources()).containsExactlyElementsOf(snapshots);
		assertThat(grants.get("CreateJobSnapshots").conditions())
			.isEqualTo(Map.of("Null", Map.of("aws:RequestTag/bucketwarden:retro-job", "false")));
		assertThat(grants.get("TagSnapshots").actions()).containsExactly("ec2:CreateTags");
		assertThat(grants.get("TagSnapshots").resources()).containsExactlyElementsOf(snapshots);
		assertThat(grants.get("TagSnapshots").conditions()).isEqualTo(Map.of("ForAllValues:StringEquals",
				Map.of("aws:TagKeys", List.of("scan-result", "scan-date", "bucketwarden:retro-job")), "Null",
				Map.of("aws:TagKeys", "false")));
		assertThat(grants.get("ShareSnapshotsWithTheDeployment").actions())
			.containsExactly("ec2:ModifySnapshotAttribute");
		assertThat(grants.get("ShareSnapshotsWithTheDeployment").resources()).containsExactlyElementsOf(snapshots);
		assertThat(grants.get("ShareSnapshotsWithTheDeployment").conditions())
			.isEqualTo(Map.of("ForAllValues:StringEquals", Map.of("ec2:Add/userId", List.of(SynthesizedApp.ACCOUNT)),
					"Null", Map.of("ec2:Add/group", "true")));
		// The account acted on by the further region only: its snapshots there only.
		assertThat(linkedGrants("centralLinked")).filteredOn((g) -> g.where().endsWith("/TagSnapshots"))
			.singleElement()
			.satisfies((g) -> assertThat(g.resources())
				.containsExactly("arn:${AWS::Partition}:ec2:us-west-2::snapshot/*"));
	}

	@Test
	void shouldKeepItsOwnQuarantineBucketClosedButToTheLinkedRole() {
		Map<String, Object> template = SynthesizedApp.get().linkedJson();
		Map<String, Map<String, Object>> buckets = Cfn.resources(template, "AWS::S3::Bucket");
		assertThat(buckets).hasSize(1);
		Map<String, Object> bucket = buckets.values().iterator().next();
		assertThat((Object) Cfn.path(bucket, "VersioningConfiguration", "Status")).isEqualTo("Enabled");
		assertThat((Object) Cfn.path(bucket, "PublicAccessBlockConfiguration", "RestrictPublicBuckets"))
			.isEqualTo(true);
		assertThat(Cfn.list(Cfn.path(bucket, "BucketEncryption", "ServerSideEncryptionConfiguration"))).isNotEmpty();
		String linkedRole = "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/bucketwarden-linked";
		Map<String, Object> statements = bucketPolicyStatements(template);
		assertThat(statements).containsKeys("DenyReadingQuarantinedObjectsButAgentsAndSecurity",
				"DenyRemovingQuarantinedObjectsButSecurity", "BucketWardenDenyResultTagWrites");
		assertThat(Cfn
			.list(Cfn.path(statements.get("DenyReadingQuarantinedObjectsButAgentsAndSecurity"), "Condition",
					"ArnNotEquals", "aws:PrincipalArn"))
			.stream()
			.map(Cfn::text)).containsExactly(linkedRole, SynthesizedApp.BREAK_GLASS_ROLE);
		assertThat(Cfn
			.list(Cfn.path(statements.get("BucketWardenDenyResultTagWrites"), "Condition", "ArnNotEquals",
					"aws:PrincipalArn"))
			.stream()
			.map(Cfn::text)).containsExactly(linkedRole);
		assertThat((Object) Cfn.path(template, "Outputs", "QuarantineBucketName")).isNotNull();
		// The linked role copies into it.
		assertThat(linkedGrants("linked")).filteredOn((g) -> g.where().endsWith("/CopyIntoQuarantine"))
			.singleElement()
			.satisfies((g) -> assertThat(g.resources()).singleElement().asString().contains("QuarantineBucket"));
	}

	@Test
	void shouldCopyIntoTheDeploymentsQuarantineWhenCentral() {
		Map<String, Object> template = SynthesizedApp.get().centralLinkedJson();
		assertThat(Cfn.resources(template, "AWS::S3::Bucket")).isEmpty();
		assertThat((Object) Cfn.path(template, "Outputs", "QuarantineBucketName")).isNull();
		assertThat(linkedGrants("centralLinked")).filteredOn((g) -> g.where().contains("/CopyIntoQuarantine"))
			.singleElement()
			.satisfies((g) -> {
				assertThat(g.where()).endsWith("ByPattern");
				assertThat(g.actions()).containsExactly("s3:PutObject", "s3:PutObjectTagging",
						"s3:PutObjectVersionTagging", "s3:AbortMultipartUpload");
				assertThat(g.resources()).containsExactly("arn:${AWS::Partition}:s3:::bucketwarden-*/*");
				assertThat(g.conditions())
					.isEqualTo(Map.of("StringEquals", Map.of("s3:ResourceAccount", SynthesizedApp.ACCOUNT)));
			});
		// The further region's quarantine bucket lets exactly that role put and tag
		// copies; the console region's, whose agents do not act on that account, does
		// not.
		Object statement = bucketPolicyStatements(SynthesizedApp.get().agentsJson())
			.get("LinkedAccountsCopyIntoQuarantine");
		assertThat((Object) Cfn.path(statement, "Effect")).isEqualTo("Allow");
		assertThat(Cfn.text(Cfn.path(statement, "Principal", "AWS")))
			.isEqualTo("arn:${AWS::Partition}:iam::" + SynthesizedApp.CENTRAL_LINKED_ACCOUNT + ":root");
		assertThat(Cfn.list(Cfn.path(statement, "Action"))).containsExactly("s3:PutObject", "s3:PutObjectTagging",
				"s3:PutObjectVersionTagging", "s3:AbortMultipartUpload");
		assertThat(Cfn.list(Cfn.path(statement, "Condition", "ArnEquals", "aws:PrincipalArn")).stream().map(Cfn::text))
			.containsExactly(SynthesizedApp.CENTRAL_LINKED_ROLE_ARN);
		assertThat(bucketPolicyStatements(SynthesizedApp.get().consoleJson()))
			.doesNotContainKey("LinkedAccountsCopyIntoQuarantine");
	}

	@Test
	void shouldLetTheCentralRolesAssumeExactlyTheLinkedRoles() {
		Map<String, List<String>> assumed = new TreeMap<>();
		for (IamPolicyTests.Grant grant : IamPolicyTests.allGrants()) {
			if (grant.actions().contains("sts:AssumeRole")) {
				assertThat(grant.actions()).containsExactly("sts:AssumeRole");
				String where = grant.where();
				assumed.put(where.substring(0, where.indexOf('/', where.indexOf('/') + 1)), grant.resources());
			}
		}
		List<String> both = List.of(SynthesizedApp.LINKED_ROLE_ARN, SynthesizedApp.CENTRAL_LINKED_ROLE_ARN);
		List<String> consoleRegionOnly = List.of(SynthesizedApp.LINKED_ROLE_ARN);
		assertThat(assumed).hasSize(6).allSatisfy((where, roles) -> {
			if (where.startsWith("agents/") || where.contains("ConsoleRole")) {
				assertThat(roles).as(where).containsExactlyElementsOf(both);
			}
			else {
				assertThat(roles).as(where).containsExactlyElementsOf(consoleRegionOnly);
			}
		});
		assertThat(assumed.keySet()).anyMatch((where) -> where.contains("ConsoleRole"))
			.anyMatch((where) -> where.contains("ApiAgentRole"))
			.anyMatch((where) -> where.startsWith("agents/") && where.contains("RetroAgentRole"));
	}

	private static List<IamPolicyTests.Grant> linkedGrants(String stack) {
		return IamPolicyTests.withLinkedStacks().stream().filter((g) -> g.where().startsWith(stack + "/")).toList();
	}

	private static Map<String, Object> linkedRole(Map<String, Object> template) {
		return Cfn.resources(template, "AWS::IAM::Role")
			.values()
			.stream()
			.filter((r) -> "bucketwarden-linked".equals(r.get("RoleName")))
			.findFirst()
			.orElseThrow();
	}

	/** The quarantine bucket policy's statements by Sid. */
	private static Map<String, Object> bucketPolicyStatements(Map<String, Object> template) {
		Map<String, Object> statements = new LinkedHashMap<>();
		Cfn.resources(template, "AWS::S3::BucketPolicy")
			.values()
			.stream()
			.filter((policy) -> Cfn.text(policy.get("Bucket")).contains("QuarantineBucket"))
			.flatMap((policy) -> Cfn.list(Cfn.path(policy, "PolicyDocument", "Statement")).stream())
			.forEach((statement) -> statements.put(Cfn.path(statement, "Sid"), statement));
		return statements;
	}

}
