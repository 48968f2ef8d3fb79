package dev.bucketwarden.infra.aws;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;

import dev.bucketwarden.infra.aws.access.AgentRoles;
import dev.bucketwarden.infra.aws.access.ReadGate;
import dev.bucketwarden.infra.aws.access.ResultTagProtection;
import dev.bucketwarden.infra.aws.access.ResultTagSchema;
import dev.bucketwarden.store.tags.TagKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only the agents' roles, by their exact ARNs, may write, replace or remove our result
 * tags: in the buckets the stacks define, and in the statements printed for the
 * customer's buckets.
 */
class ResultTagProtectionTests {

	private static final Map<String, Object> NOT_AN_AGENT = Map.of("aws:PrincipalArn", SynthesizedApp.AGENT_ROLE_ARNS);

	/**
	 * The further region's quarantine bucket also takes the copies (with their verdict
	 * tags) of the linked account whose quarantine is the deployment's.
	 */
	private static final Map<String, Object> NOT_AN_AGENT_OR_CENTRAL_LINKED = Map.of("aws:PrincipalArn",
			Stream.concat(SynthesizedApp.AGENT_ROLE_ARNS.stream(), Stream.of(SynthesizedApp.CENTRAL_LINKED_ROLE_ARN))
				.toList());

	@Test
	void shouldCoverEveryTagTheAgentsWrite() {
		assertThat(ResultTagProtection.RESULT_TAG_KEYS).containsExactlyInAnyOrderElementsOf(TagKeys.OURS);
	}

	@Test
	void shouldDenyTagSetsWithOurKeysToEveryoneButTheAgentRoles() {
		for (Map<String, Object> template : templates()) {
			Map<String, Object> exempt = exempt(template);
			assertThat(quarantineStatement(template, ResultTagProtection.WRITE_SID)).isEqualTo(
					Map.of("Sid", ResultTagProtection.WRITE_SID, "Effect", "Deny", "Principal", Map.of("AWS", "*"),
							"Action", List.of("s3:PutObject", "s3:PutObjectTagging", "s3:PutObjectVersionTagging"),
							"Resource", "arn:${AWS::Partition}:s3:::${QuarantineBucket}/*", "Condition",
							Map.of("ForAnyValue:StringEquals",
									Map.of("s3:RequestObjectTagKeys", List.of("scan-result", "scan-date",
											"scan-engines", "virus-name", "GuardDutyMalwareScanStatus")),
									"ArnNotEquals", exempt)));
		}
	}

	@Test
	void shouldDenyReplacingOrRemovingTheTagsOfAScannedObjectInEitherSchema() {
		List<String> actions = List.of("s3:PutObjectTagging", "s3:PutObjectVersionTagging", "s3:DeleteObjectTagging",
				"s3:DeleteObjectVersionTagging");
		for (Map<String, Object> template : templates()) {
			Map<String, Object> exempt = exempt(template);
			assertThat(quarantineStatement(template, ResultTagProtection.CHANGE_SID)).isEqualTo(Map.of("Sid",
					ResultTagProtection.CHANGE_SID, "Effect", "Deny", "Principal", Map.of("AWS", "*"), "Action",
					actions, "Resource", "arn:${AWS::Partition}:s3:::${QuarantineBucket}/*", "Condition",
					Map.of("Null", Map.of("s3:ExistingObjectTag/scan-result", "false"), "ArnNotEquals", exempt)));
			assertThat(quarantineStatement(template, ResultTagProtection.CHANGE_GUARD_DUTY_SID)).isEqualTo(Map.of("Sid",
					ResultTagProtection.CHANGE_GUARD_DUTY_SID, "Effect", "Deny", "Principal", Map.of("AWS", "*"),
					"Action", actions, "Resource", "arn:${AWS::Partition}:s3:::${QuarantineBucket}/*", "Condition",
					Map.of("Null", Map.of("s3:ExistingObjectTag/GuardDutyMalwareScanStatus", "false"), "ArnNotEquals",
							exempt)));
		}
	}

	/** IAM cannot see x-amz-tagging-directive: a copy must bring a tag set of its own. */
	@Test
	void shouldDenyCopiesThatDoNotReplaceTheSourcesTags() {
		for (Map<String, Object> template : templates()) {
			Map<String, Object> exempt = exempt(template);
			assertThat(quarantineStatement(template, ResultTagProtection.COPY_SID)).isEqualTo(Map.of("Sid",
					ResultTagProtection.COPY_SID, "Effect", "Deny", "Principal", Map.of("AWS", "*"), "Action",
					"s3:PutObject", "Resource", "arn:${AWS::Partition}:s3:::${QuarantineBucket}/*", "Condition",
					Map.of("Null", Map.of("s3:x-amz-copy-source", "false", "s3:RequestObjectTagKeys", "true"),
							"ArnNotEquals", exempt)));
		}
	}

	@Test
	void shouldNeverExemptANamePattern() {
		for (Map<String, Object> template : templates()) {
			String json = json(template);
			assertThat(json).doesNotContain("ArnNotLike").doesNotContain("bucketwarden-agent-*");
		}
	}

	@Test
	void shouldExemptTheRoleOfEveryPrincipalThatMayTagObjects() {
		List<String> tagging = new ArrayList<>();
		for (Map<String, Object> template : templates()) {
			// Every role that may tag is let through by the stack's own statements.
			List<Object> exempt = Cfn.path(quarantineStatement(template, ResultTagProtection.WRITE_SID), "Condition",
					"ArnNotEquals", "aws:PrincipalArn");
			Map<String, Map<String, Object>> roles = Cfn.resources(template, "AWS::IAM::Role");
			Cfn.resources(template, "AWS::IAM::Policy").values().forEach((policy) -> {
				boolean tags = Cfn.list(Cfn.path(policy, "PolicyDocument", "Statement"))
					.stream()
					.flatMap((statement) -> Cfn.list(Cfn.path(statement, "Action")).stream())
					.anyMatch("s3:PutObjectTagging"::equals);
				if (tags) {
					for (Object role : Cfn.list(policy.get("Roles"))) {
						String id = Cfn.text(role).replace("${", "").replace("}", "");
						String arn = "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/"
								+ Cfn.text(roles.get(id).get("RoleName"));
						assertThat(exempt).contains(arn);
						tagging.add(arn);
					}
				}
			});
		}
		assertThat(tagging).containsExactlyInAnyOrderElementsOf(SynthesizedApp.AGENT_ROLE_ARNS);
	}

	@Test
	void shouldPrintTheStatementsForEachNamedProtectedBucket() throws Exception {
		Map<String, Object> outputs = Cfn.path(SynthesizedApp.get().consoleJson(), "Outputs");
		List<String> printed = outputs.entrySet()
			.stream()
			.filter((output) -> output.getKey().startsWith("ResultTagProtectionStatement"))
			.map((output) -> Cfn.text(Cfn.path(output.getValue(), "Value")))
			.toList();
		// Per named bucket: a bucket policy names its own bucket, so none for the
		// pattern.
		assertThat(printed).hasSize(SynthesizedApp.PROTECTED_NAMES.size()).noneMatch((s) -> s.contains("acme-shared"));
		List<?> statements = new ObjectMapper().readValue(printed.getFirst(), List.class);
		// The console's Sids: what an operator pastes, the console replaces when it
		// applies.
		assertThat(statements.stream().map((s) -> Cfn.path(s, "Sid")).toList()).containsExactly(
				"BucketWardenDenyResultTagWrites", "BucketWardenDenyResultTagChanges",
				"BucketWardenDenyGuardDutyTagChanges", "BucketWardenDenyCopiedTags");
		assertThat(statements).allSatisfy((s) -> {
			assertThat((Object) Cfn.path(s, "Resource")).isEqualTo("arn:${AWS::Partition}:s3:::acme-uploads/*");
			assertThat((Object) Cfn.path(s, "Condition", "ArnNotEquals")).isEqualTo(NOT_AN_AGENT);
		});
	}

	/**
	 * S3 takes bucket policies up to 20 KB. All four statements and the read gate, with
	 * the ARNs of a deployment in 16 regions and five break-glass roles, fit.
	 */
	@Test
	void shouldFitTheBucketPolicyLimitWithManyRegions() {
		List<String> regions = List.of("us-east-2", "us-west-1", "us-west-2", "ca-central-1", "eu-west-1", "eu-west-2",
				"eu-west-3", "eu-north-1", "eu-south-1", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1",
				"ap-northeast-2", "ap-south-1", "sa-east-1");
		List<String> breakGlass = List.of(1, 2, 3, 4, 5)
			.stream()
			.map((i) -> "arn:aws:iam::" + SynthesizedApp.ACCOUNT + ":role/security-break-glass-" + i)
			.toList();
		int one = policyBytes(regions.subList(0, 1), breakGlass.subList(0, 1));
		int many = policyBytes(regions, breakGlass);
		System.out.printf("Bucket policy of one bucket: 2 regions, 1 break-glass role %d bytes; 16 regions,"
				+ " 5 break-glass roles %d bytes%n", one, many);
		assertThat(many).isLessThan(20 * 1024);
	}

	private static int policyBytes(List<String> agentRegions, List<String> breakGlass) {
		List<String> agents = AgentRoles.arns("aws", SynthesizedApp.ACCOUNT, "us-east-1", agentRegions);
		assertThat(agents).hasSize(2 * agentRegions.size() + 3);
		String bucket = "acme-a-bucket-name-of-sixty-three-characters-long-enough-xxxxxx";
		List<PolicyStatement> statements = new ArrayList<>(ResultTagProtection.statements("aws", bucket, agents));
		statements.add(ReadGate.statement("aws", bucket, ResultTagSchema.DEFAULT, agents, breakGlass));
		Stack stack = new Stack(new App(), "Size");
		// As S3 stores it: the resolved document, without white space.
		String policy = json(stack.resolve(PolicyDocument.Builder.create().statements(statements).build().toJSON()));
		assertThat(policy).contains(agents).contains(breakGlass).contains("\"Version\":\"2012-10-17\"");
		return policy.getBytes(StandardCharsets.UTF_8).length;
	}

	private static Map<String, Object> exempt(Map<String, Object> template) {
		return template.equals(SynthesizedApp.get().agentsJson()) ? NOT_AN_AGENT_OR_CENTRAL_LINKED : NOT_AN_AGENT;
	}

	private static List<Map<String, Object>> templates() {
		SynthesizedApp.Synthesized app = SynthesizedApp.get();
		return List.of(app.consoleJson(), app.agentsJson());
	}

	/**
	 * The statement of the stack's quarantine bucket policy with the Sid, values as text
	 * and the bucket's logical id without its hash.
	 */
	private static Map<String, Object> quarantineStatement(Map<String, Object> template, String sid) {
		List<Object> statements = Cfn.resources(template, "AWS::S3::BucketPolicy")
			.values()
			.stream()
			.filter((policy) -> Cfn.text(policy.get("Bucket")).contains("QuarantineBucket"))
			.flatMap((policy) -> Cfn.list(Cfn.path(policy, "PolicyDocument", "Statement")).stream())
			.filter((statement) -> sid.equals(Cfn.path(statement, "Sid")))
			.toList();
		assertThat(statements).as("statement %s", sid).hasSize(1);
		return Cfn.texts(statements.getFirst(),
				(text) -> text.replaceAll("ScanningQuarantineBucket[0-9A-F]+", "QuarantineBucket"));
	}

	private static String json(Object value) {
		try {
			return new ObjectMapper().writeValueAsString(value);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
