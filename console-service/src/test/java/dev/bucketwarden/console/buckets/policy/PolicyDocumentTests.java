package dev.bucketwarden.console.buckets.policy;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.bucketwarden.store.tags.TagSchema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Merging our statements into a bucket's policy, and what cannot be merged into. */
class PolicyDocumentTests {

	private static final String FOREIGN = "{\"Sid\":\"LetPartnerRead\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
			+ "\"arn:aws:iam::210987654321:root\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::uploads/in/*\","
			+ "\"Condition\":{\"NumericLessThan\":{\"s3:TlsVersion\":1.20}}}";

	private final PolicyStatements statements = new PolicyStatements(
			List.of("arn:aws:iam::123456789012:role/bucketwarden-agent-event"), List.of());

	@Test
	void shouldKeepOtherStatementsAndTopLevelKeysAsTheyWere() {
		PolicyDocument current = PolicyDocument.parse("uploads",
				"{\"Version\":\"2012-10-17\",\"Id\":\"Partner\",\"Statement\":[" + FOREIGN + "]}");

		PolicyDocument merged = current.merge(this.statements.resultTagProtection("uploads"));

		assertThat(merged.json()).startsWith("{\"Version\":\"2012-10-17\",\"Id\":\"Partner\",\"Statement\":[" + FOREIGN
				+ ",{\"Sid\":\"BucketWardenDenyResultTagWrites\"");
		assertThat(merged.statements()).extracting((s) -> s.get("Sid").asString())
			.containsExactly("LetPartnerRead", "BucketWardenDenyResultTagWrites", "BucketWardenDenyResultTagChanges",
					"BucketWardenDenyGuardDutyTagChanges", "BucketWardenDenyCopiedTags");
	}

	@Test
	void shouldReplaceOurStatementsAndNotDuplicateThem() {
		PolicyDocument once = PolicyDocument.none()
			.merge(withGate(this.statements.resultTagProtection("uploads"), TagSchema.DEFAULT));
		PolicyDocument reread = PolicyDocument.parse("uploads", once.json());

		PolicyDocument twice = reread
			.merge(withGate(this.statements.resultTagProtection("uploads"), TagSchema.DEFAULT));
		PolicyDocument withoutGate = reread.merge(this.statements.resultTagProtection("uploads"));

		assertThat(twice.json()).isEqualTo(once.json());
		assertThat(twice.sameAs(reread)).isTrue();
		assertThat(withoutGate.statement(PolicyStatements.READ_GATE)).isEmpty();
		assertThat(withoutGate.statements()).hasSize(4);
	}

	/**
	 * What an operator pasted from infra/aws's outputs before both took the same Sids
	 * would otherwise linger beside ours.
	 */
	@Test
	void shouldReplaceTheStatementsInfraAwsPrintedBefore() {
		List<String> old = List.of("DenyResultTagsButBucketWardenAgents", "DenyResultTagsButAgents",
				"DenyChangingTagsOfScannedObjectsButAgents", "DenyChangingTagsOfGuardDutyScannedObjectsButAgents",
				"DenyCopiedTagsButAgents");
		String pasted = String.join(",",
				old.stream()
					.map((sid) -> "{\"Sid\":\"" + sid + "\",\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"*\"},"
							+ "\"Action\":\"s3:PutObjectTagging\",\"Resource\":\"arn:aws:s3:::uploads/*\"}")
					.toList());
		PolicyDocument current = PolicyDocument.parse("uploads",
				"{\"Version\":\"2012-10-17\",\"Statement\":[" + FOREIGN + "," + pasted + "]}");

		assertThat(current.merge(this.statements.resultTagProtection("uploads")).statements())
			.extracting((s) -> s.get("Sid").asString())
			.containsExactly("LetPartnerRead", "BucketWardenDenyResultTagWrites", "BucketWardenDenyResultTagChanges",
					"BucketWardenDenyGuardDutyTagChanges", "BucketWardenDenyCopiedTags");
	}

	/** S3 may hand back CDK's {"AWS":"*"} as "*": IAM reads both as everyone. */
	@Test
	void shouldTakeAStarPrincipalForEveryone() {
		ObjectNode ours = this.statements.resultTagProtection("uploads").getFirst();
		ObjectNode star = ours.deepCopy();
		star.put("Principal", "*");
		ObjectNode oneAccount = ours.deepCopy();
		oneAccount.putObject("Principal").put("AWS", "arn:aws:iam::210987654321:root");

		assertThat(PolicyDocument.same(star, ours)).isTrue();
		assertThat(PolicyDocument.same(oneAccount, ours)).isFalse();
		PolicyDocument applied = PolicyDocument.none().merge(this.statements.resultTagProtection("uploads"));
		PolicyDocument asS3Returns = PolicyDocument.parse("uploads",
				applied.json().replace("\"Principal\":{\"AWS\":\"*\"}", "\"Principal\":\"*\""));
		assertThat(asS3Returns.json()).doesNotContain("{\"AWS\":\"*\"}");
		assertThat(asS3Returns.sameAs(applied)).isTrue();
	}

	@Test
	void shouldCompareStatementsAsIamReadsThem() {
		JsonNode ours = this.statements.resultTagProtection("uploads").get(2);
		JsonNode reordered = PolicyDocument
			.parse("uploads", "{\"Statement\":{\"Condition\":{\"ArnNotEquals\":{\"aws:PrincipalArn\":"
					+ "\"arn:aws:iam::123456789012:role/bucketwarden-agent-event\"},\"Null\":{"
					+ "\"s3:ExistingObjectTag/GuardDutyMalwareScanStatus\":\"false\"}},\"Resource\":"
					+ "\"arn:aws:s3:::uploads/*\",\"Action\":[\"s3:PutObjectVersionTagging\",\"s3:PutObjectTagging\","
					+ "\"s3:DeleteObjectVersionTagging\",\"s3:DeleteObjectTagging\"],\"Principal\":{\"AWS\":\"*\"},"
					+ "\"Effect\":\"Deny\",\"Sid\":\"BucketWardenDenyGuardDutyTagChanges\"}}")
			.statements()
			.getFirst();
		ObjectNode otherArn = (ObjectNode) ours.deepCopy();
		otherArn.withObject("/Condition/ArnNotEquals").put("aws:PrincipalArn", "arn:aws:iam::123456789012:role/x");

		assertThat(PolicyDocument.same(reordered, ours)).isTrue();
		assertThat(PolicyDocument.same(otherArn, ours)).isFalse();
	}

	@Test
	void shouldRefuseWhatItCannotMergeIntoWithoutLosingAStatement() {
		assertThatExceptionOfType(PolicyRefusedException.class)
			.isThrownBy(() -> PolicyDocument.parse("uploads", "{\"Statement\":[" + FOREIGN))
			.withMessageStartingWith("The bucket policy of uploads is not a policy BucketWarden can merge into (")
			.withMessageEndingWith("nothing was changed. Fix the policy, or add the statements shown here by hand.");
		// Written back, one of two equal keys would be lost.
		assertThatExceptionOfType(PolicyRefusedException.class).isThrownBy(() -> PolicyDocument.parse("uploads",
				"{\"Statement\":[{\"Sid\":\"A\",\"Effect\":\"Deny\",\"Effect\":\"Allow\"}]}"));
		assertThatExceptionOfType(PolicyRefusedException.class)
			.isThrownBy(() -> PolicyDocument.parse("uploads", "{\"Statement\":[]} {}"));
		assertThatExceptionOfType(PolicyRefusedException.class)
			.isThrownBy(() -> PolicyDocument.parse("uploads", "[\"not\",\"a\",\"policy\"]"));
		assertThatExceptionOfType(PolicyRefusedException.class)
			.isThrownBy(() -> PolicyDocument.parse("uploads", "{\"Statement\":\"s3:*\"}"));
	}

	private List<ObjectNode> withGate(List<ObjectNode> protection, TagSchema schema) {
		return java.util.stream.Stream
			.concat(protection.stream(), java.util.stream.Stream.of(this.statements.readGate("uploads", schema)))
			.toList();
	}

}
