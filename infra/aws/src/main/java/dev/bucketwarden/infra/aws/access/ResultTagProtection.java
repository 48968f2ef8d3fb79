package dev.bucketwarden.infra.aws.access;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.s3.IBucket;

/**
 * Against tag tampering: bucket policy statements that keep every principal but the
 * agents' roles (their exact ARNs, {@link AgentRoles}) from writing, replacing or
 * removing our result tags (in either tag schema). Without them anyone who may tag an
 * object could mark an infected object Clean, or take its verdict away.
 * <p>
 * IAM ANDs the conditions of one statement, so each way in is a statement of its own:
 * <ul>
 * <li>{@value #WRITE_SID}: a tag set (PutObjectTagging, an upload's or a copy's
 * {@code x-amz-tagging}) that has any of our keys.</li>
 * <li>{@value #CHANGE_SID} and {@value #CHANGE_GUARD_DUTY_SID}: replacing or deleting the
 * tag set of an object that carries our result tag ({@code s3:ExistingObjectTag/...}
 * present). A replacement without our keys would drop the verdict; one with them is
 * refused above anyway. After its verdict, only the agents change an object's tags.</li>
 * <li>{@value #COPY_SID}: a copy ({@code s3:x-amz-copy-source} present) that sends no tag
 * set. S3 has no condition key for {@code x-amz-tagging-directive}, so IAM cannot tell a
 * copy that takes the source's tags (and so maybe a forged Clean from a bucket without
 * this policy) from one that replaces them; a copy must therefore replace them with a tag
 * set of its own ({@code REPLACE} and a non-empty {@code x-amz-tagging}). UploadPartCopy
 * is authorized as the same s3:PutObject with a copy source and sends no tags, so
 * multipart copies by other principals are refused too.</li>
 * </ul>
 * Users keep tagging objects with their own keys until a verdict is there. S3 does not
 * evaluate {@code s3:ExistingObjectTag} for PutObject and DeleteObject: overwriting or
 * deleting an object is not covered (the new object is scanned afresh).
 * <p>
 * The protected buckets belong to their owners, and CloudFormation can only replace a
 * bucket's whole policy, so the stacks attach the statements to the buckets they define
 * only ({@link #applyTo}); the console stack prints them for the protected buckets it
 * names (outputs {@code ResultTagProtectionStatement<N>}) and the console can apply them.
 * The console builds the very same statements under the same Sids (its
 * {@code PolicyStatements}), so statements pasted from the outputs are replaced, not
 * duplicated, when an admin applies them there later; both modules' tests hold the same
 * {@code bucket-policy-statements.json} and compare their own output with it.
 */
public final class ResultTagProtection {

	/** Every tag key the agents write (agent-core's TagKeys.OURS). */
	public static final List<String> RESULT_TAG_KEYS = List.of("scan-result", "scan-date", "scan-engines", "virus-name",
			"GuardDutyMalwareScanStatus");

	/** The key each schema's verdict is in: its presence means "scanned by us". */
	public static final List<String> VERDICT_KEYS = List.of(ResultTagSchema.DEFAULT.verdictKey(),
			ResultTagSchema.GUARD_DUTY.verdictKey());

	public static final String WRITE_SID = "BucketWardenDenyResultTagWrites";

	public static final String CHANGE_SID = "BucketWardenDenyResultTagChanges";

	public static final String CHANGE_GUARD_DUTY_SID = "BucketWardenDenyGuardDutyTagChanges";

	public static final String COPY_SID = "BucketWardenDenyCopiedTags";

	/** Writing a tag set (an upload's, a copy's, or a tagging request's). */
	public static final List<String> WRITE_ACTIONS = List.of("s3:PutObject", "s3:PutObjectTagging",
			"s3:PutObjectVersionTagging");

	/** Replacing or removing an existing object's tag set. */
	public static final List<String> CHANGE_ACTIONS = List.of("s3:PutObjectTagging", "s3:PutObjectVersionTagging",
			"s3:DeleteObjectTagging", "s3:DeleteObjectVersionTagging");

	private ResultTagProtection() {
	}

	/**
	 * The statements for one bucket.
	 * @param partition the partition of the bucket's ARN ({@code aws}, or
	 * {@link Aws#PARTITION} in a stack)
	 * @param agentRoleArns the exact ARNs of every role that writes result tags
	 */
	public static List<PolicyStatement> statements(String partition, String bucket, List<String> agentRoleArns) {
		String objects = S3Arns.objects(partition, bucket);
		Map<String, Object> notAnAgent = notAmong(agentRoleArns);
		PolicyStatement write = deny(WRITE_SID, WRITE_ACTIONS, objects, inOrder("ForAnyValue:StringEquals",
				Map.of("s3:RequestObjectTagKeys", RESULT_TAG_KEYS), "ArnNotEquals", notAnAgent));
		PolicyStatement change = deny(CHANGE_SID, CHANGE_ACTIONS, objects, inOrder("Null",
				Map.of(existingTag(ResultTagSchema.DEFAULT.verdictKey()), "false"), "ArnNotEquals", notAnAgent));
		PolicyStatement changeGuardDuty = deny(CHANGE_GUARD_DUTY_SID, CHANGE_ACTIONS, objects, inOrder("Null",
				Map.of(existingTag(ResultTagSchema.GUARD_DUTY.verdictKey()), "false"), "ArnNotEquals", notAnAgent));
		// Both keys in one Null block are ANDed: a copy, and no tag set in the request.
		PolicyStatement copy = deny(COPY_SID, List.of("s3:PutObject"), objects,
				inOrder("Null", inOrder("s3:x-amz-copy-source", "false", "s3:RequestObjectTagKeys", "true"),
						"ArnNotEquals", notAnAgent));
		return List.of(write, change, changeGuardDuty, copy);
	}

	/** Adds the statements to the policy of a bucket defined in CDK. */
	public static void applyTo(IBucket bucket, List<String> agentRoleArns) {
		statements(Aws.PARTITION, bucket.getBucketName(), agentRoleArns).forEach(bucket::addToResourcePolicy);
	}

	static String existingTag(String key) {
		return "s3:ExistingObjectTag/" + key;
	}

	/** Exact ARNs only: ArnNotEquals, never ArnNotLike with a pattern. */
	static Map<String, Object> notAmong(List<String> roleArns) {
		if (roleArns.isEmpty() || roleArns.stream().anyMatch((arn) -> arn.contains("*") || arn.contains("?"))) {
			throw new IllegalArgumentException("Exempt principals must be exact role ARNs, were " + roleArns);
		}
		return Map.of("aws:PrincipalArn", List.copyOf(roleArns));
	}

	/**
	 * A condition block whose keys keep the order written: {@code Map.of} iterates in an
	 * order that changes from one JVM run to the next, so the synthesized policy (and
	 * {@code cdk diff}) would change with nothing changed.
	 */
	static Map<String, Object> inOrder(String key, Object value, String otherKey, Object otherValue) {
		Map<String, Object> block = new LinkedHashMap<>();
		block.put(key, value);
		block.put(otherKey, otherValue);
		return Collections.unmodifiableMap(block);
	}

	static PolicyStatement deny(String sid, List<String> actions, String resource, Map<String, Object> conditions) {
		return PolicyStatement.Builder.create()
			.sid(sid)
			.effect(Effect.DENY)
			.principals(List.of(new AnyPrincipal()))
			.actions(actions)
			.resources(List.of(resource))
			.conditions(conditions)
			.build();
	}

}
