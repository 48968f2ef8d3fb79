package dev.bucketwarden.infra.aws;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;

import dev.bucketwarden.infra.aws.access.QuarantineProtection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quarantine buckets of both stacks: only the agents' exact roles and the security
 * roles read quarantined objects, only the security roles remove them or change their
 * ACLs; Object Lock in governance mode and server access logs when the deployment asks.
 */
class QuarantineBucketTests {

	private static final List<String> AGENTS_AND_SECURITY = concat(SynthesizedApp.AGENT_ROLE_ARNS,
			List.of(SynthesizedApp.BREAK_GLASS_ROLE));

	@Test
	void shouldLetOnlyTheAgentsAndTheSecurityRolesReadQuarantinedObjects() {
		for (Map<String, Object> template : templates()) {
			assertThat(statement(template, QuarantineProtection.READ_SID)).isEqualTo(
					Map.of("Sid", QuarantineProtection.READ_SID, "Effect", "Deny", "Principal", Map.of("AWS", "*"),
							"Action", List.of("s3:GetObject", "s3:GetObjectVersion"), "Resource", "${QUARANTINE.Arn}/*",
							"Condition", Map.of("ArnNotEquals", Map.of("aws:PrincipalArn", AGENTS_AND_SECURITY))));
		}
	}

	@Test
	void shouldLetOnlyTheSecurityRolesRemoveQuarantinedObjectsOrChangeTheirAcls() {
		for (Map<String, Object> template : templates()) {
			assertThat(statement(template, QuarantineProtection.REMOVE_SID)).isEqualTo(Map
				.of("Sid", QuarantineProtection.REMOVE_SID, "Effect", "Deny", "Principal", Map.of("AWS", "*"), "Action",
						List.of("s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutObjectAcl",
								"s3:PutObjectVersionAcl"),
						"Resource", "${QUARANTINE.Arn}/*", "Condition",
						Map.of("ArnNotEquals", Map.of("aws:PrincipalArn", List.of(SynthesizedApp.BREAK_GLASS_ROLE)))));
		}
	}

	@Test
	void shouldLockQuarantinedObjectsInGovernanceModeAndLogEveryAccess() {
		for (Map<String, Object> template : templates()) {
			Map<String, Object> quarantine = quarantineBucket(template);
			assertThat((Object) Cfn.path(quarantine, "ObjectLockEnabled")).isEqualTo(true);
			assertThat((Object) Cfn.path(quarantine, "ObjectLockConfiguration"))
				.isEqualTo(Map.of("ObjectLockEnabled", "Enabled", "Rule", Map.of("DefaultRetention",
						Map.of("Mode", "GOVERNANCE", "Days", SynthesizedApp.QUARANTINE_LOCK_DAYS))));
			assertThat((Object) Cfn.path(quarantine, "VersioningConfiguration")).isEqualTo(Map.of("Status", "Enabled"));
			String logs = Cfn.text(Cfn.path(quarantine, "LoggingConfiguration", "DestinationBucketName"));
			assertThat(logs).startsWith("${ScanningQuarantineAccessLogs");
			assertThat((Object) Cfn.path(quarantine, "LoggingConfiguration", "LogFilePrefix")).isEqualTo("quarantine/");
			Map<String, Object> logBucket = Cfn.resources(template, "AWS::S3::Bucket")
				.get(logs.substring(2, logs.length() - 1));
			assertThat((Object) Cfn.path(logBucket, "PublicAccessBlockConfiguration", "RestrictPublicBuckets"))
				.isEqualTo(true);
		}
	}

	/** A quarantine bucket the deployment names: the operator gets the statements. */
	@Test
	void shouldGiveTheStatementsForANamedQuarantineBucket() {
		Stack stack = new Stack(new App(), "Named");
		List<Object> statements = QuarantineProtection
			.statements("aws", "acme-quarantine", List.of("arn:aws:iam::123456789012:role/agent"), List.of())
			.stream()
			.map(PolicyStatement::toStatementJson)
			.map((json) -> (Object) stack.resolve(json))
			.toList();
		assertThat(statements).containsExactly(
				Map.of("Sid", QuarantineProtection.READ_SID, "Effect", "Deny", "Principal", Map.of("AWS", "*"),
						"Action", List.of("s3:GetObject", "s3:GetObjectVersion"), "Resource",
						"arn:aws:s3:::acme-quarantine/*", "Condition",
						Map.of("ArnNotEquals",
								Map.of("aws:PrincipalArn", List.of("arn:aws:iam::123456789012:role/agent")))),
				// No security role named: nobody removes quarantined objects.
				Map.of("Sid", QuarantineProtection.REMOVE_SID, "Effect", "Deny", "Principal", Map.of("AWS", "*"),
						"Action", List.of("s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutObjectAcl",
								"s3:PutObjectVersionAcl"),
						"Resource", "arn:aws:s3:::acme-quarantine/*"));
	}

	private static List<Map<String, Object>> templates() {
		return List.of(SynthesizedApp.get().consoleJson(), SynthesizedApp.get().agentsJson());
	}

	private static Map<String, Object> quarantineBucket(Map<String, Object> template) {
		return Cfn.resources(template, "AWS::S3::Bucket")
			.entrySet()
			.stream()
			.filter((bucket) -> bucket.getKey().startsWith("ScanningQuarantineBucket"))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElseThrow();
	}

	/** The statement of the quarantine bucket's policy, its bucket's id as QUARANTINE. */
	private static Map<String, Object> statement(Map<String, Object> template, String sid) {
		List<Object> found = Cfn.resources(template, "AWS::S3::BucketPolicy")
			.values()
			.stream()
			.filter((policy) -> Cfn.text(Cfn.path(policy, "Bucket")).startsWith("${ScanningQuarantineBucket"))
			.flatMap((policy) -> Cfn.list(Cfn.path(policy, "PolicyDocument", "Statement")).stream())
			.filter((statement) -> sid.equals(Cfn.path(statement, "Sid")))
			.toList();
		assertThat(found).as(sid).hasSize(1);
		return Cfn.texts(found.getFirst(),
				(text) -> text.replaceAll("\\$\\{ScanningQuarantineBucket[0-9A-F]+\\.Arn}", "\\${QUARANTINE.Arn}"));
	}

	private static List<String> concat(List<String> first, List<String> second) {
		return Stream.concat(first.stream(), second.stream()).toList();
	}

}
