package dev.bucketwarden.console.buckets.policy;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.bucketwarden.store.tags.TagKeys;
import dev.bucketwarden.store.tags.TagSchema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The statements, JSON for JSON: every action, every condition key and value, and the
 * exact ARNs (never a pattern) they exempt.
 */
class PolicyStatementsTests {

	private static final String EVENT_AGENT = "arn:aws:iam::123456789012:role/bucketwarden-agent-event-eu-west-1";

	private static final String RETRO_AGENT = "arn:aws:iam::123456789012:role/bucketwarden-agent-retro-eu-west-1";

	private static final String BREAK_GLASS = "arn:aws:iam::123456789012:role/security/incident-response";

	private static final String AGENTS = "\"ArnNotEquals\":{\"aws:PrincipalArn\":[\"" + EVENT_AGENT + "\",\""
			+ RETRO_AGENT + "\"]}";

	/** As CDK's AnyPrincipal writes it, so infra/aws's statements and ours are one. */
	private static final String EVERYONE = "\"Principal\":{\"AWS\":\"*\"}";

	private final PolicyStatements statements = new PolicyStatements(List.of(EVENT_AGENT, RETRO_AGENT),
			List.of(BREAK_GLASS));

	@Test
	void shouldDenyWritingAnyResultTagKeyToAllButTheAgents() {
		List<ObjectNode> protection = this.statements.resultTagProtection("uploads");

		assertThat(json(protection.get(0)))
			.isEqualTo("{\"Sid\":\"BucketWardenDenyResultTagWrites\",\"Effect\":\"Deny\"," + EVERYONE
					+ ",\"Action\":[\"s3:PutObject\",\"s3:PutObjectTagging\",\"s3:PutObjectVersionTagging\"],"
					+ "\"Resource\":\"arn:aws:s3:::uploads/*\",\"Condition\":{\"ForAnyValue:StringEquals\":"
					+ "{\"s3:RequestObjectTagKeys\":[\"scan-result\",\"scan-date\",\"scan-engines\",\"virus-name\","
					+ "\"GuardDutyMalwareScanStatus\"]}," + AGENTS + "}}");
	}

	@Test
	void shouldCoverEveryKeyTheAgentsWrite() {
		assertThat(PolicyStatements.RESULT_TAG_KEYS).containsExactlyInAnyOrderElementsOf(TagKeys.OURS);
	}

	@Test
	void shouldDenyRemovingOrReplacingTheTagsOfAScannedObjectInEitherSchema() {
		List<ObjectNode> protection = this.statements.resultTagProtection("uploads");

		String actions = "\"Action\":[\"s3:PutObjectTagging\",\"s3:PutObjectVersionTagging\","
				+ "\"s3:DeleteObjectTagging\",\"s3:DeleteObjectVersionTagging\"],\"Resource\":\"arn:aws:s3:::uploads/*\"";
		assertThat(json(protection.get(1))).isEqualTo("{\"Sid\":\"BucketWardenDenyResultTagChanges\","
				+ "\"Effect\":\"Deny\"," + EVERYONE + "," + actions + ",\"Condition\":{\"Null\":"
				+ "{\"s3:ExistingObjectTag/scan-result\":\"false\"}," + AGENTS + "}}");
		assertThat(json(protection.get(2))).isEqualTo("{\"Sid\":\"BucketWardenDenyGuardDutyTagChanges\","
				+ "\"Effect\":\"Deny\"," + EVERYONE + "," + actions + ",\"Condition\":{\"Null\":"
				+ "{\"s3:ExistingObjectTag/GuardDutyMalwareScanStatus\":\"false\"}," + AGENTS + "}}");
	}

	/** IAM cannot see x-amz-tagging-directive: a copy must bring a tag set of its own. */
	@Test
	void shouldDenyCopiesThatSendNoTagSetOfTheirOwn() {
		List<ObjectNode> protection = this.statements.resultTagProtection("uploads");

		assertThat(json(protection.get(3))).isEqualTo("{\"Sid\":\"BucketWardenDenyCopiedTags\",\"Effect\":\"Deny\","
				+ EVERYONE + ",\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::uploads/*\",\"Condition\":"
				+ "{\"Null\":{\"s3:x-amz-copy-source\":\"false\",\"s3:RequestObjectTagKeys\":\"true\"}," + AGENTS
				+ "}}");
		assertThat(protection).hasSize(4);
	}

	@Test
	void shouldLetOnlyAgentsAndBreakGlassRolesReadObjectsNotTaggedClean() {
		assertThat(json(this.statements.readGate("uploads", TagSchema.DEFAULT)))
			.isEqualTo("{\"Sid\":\"BucketWardenReadGate\",\"Effect\":\"Deny\"," + EVERYONE + ","
					+ "\"Action\":[\"s3:GetObject\",\"s3:GetObjectVersion\"],\"Resource\":\"arn:aws:s3:::uploads/*\","
					+ "\"Condition\":{\"StringNotEquals\":{\"s3:ExistingObjectTag/scan-result\":\"Clean\"},"
					+ "\"ArnNotEquals\":{\"aws:PrincipalArn\":[\"" + EVENT_AGENT + "\",\"" + RETRO_AGENT + "\",\""
					+ BREAK_GLASS + "\"]}}}");
	}

	@Test
	void shouldGateOnTheGuardDutyTagForABucketUsingThatSchema() {
		JsonNode condition = this.statements.readGate("uploads", TagSchema.GUARDDUTY).get("Condition");

		assertThat(json(condition.get("StringNotEquals")))
			.isEqualTo("{\"s3:ExistingObjectTag/GuardDutyMalwareScanStatus\":\"NO_THREATS_FOUND\"}");
	}

	@Test
	void shouldUseThePartitionOfTheAgentsRoles() {
		PolicyStatements china = new PolicyStatements(List.of("arn:aws-cn:iam::123456789012:role/agent"), List.of());

		assertThat(china.resultTagProtection("uploads")).allSatisfy(
				(statement) -> assertThat(statement.get("Resource").asString()).isEqualTo("arn:aws-cn:s3:::uploads/*"));
		assertThat(china.readGate("uploads", TagSchema.DEFAULT).get("Condition").get("ArnNotEquals").toString())
			.isEqualTo("{\"aws:PrincipalArn\":[\"arn:aws-cn:iam::123456789012:role/agent\"]}");
	}

	@Test
	void shouldNeedAtLeastOneAgentRole() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PolicyStatements(List.of(), List.of(BREAK_GLASS)));
	}

	private static String json(JsonNode node) {
		return PolicyDocument.JSON.writeValueAsString(node);
	}

}
