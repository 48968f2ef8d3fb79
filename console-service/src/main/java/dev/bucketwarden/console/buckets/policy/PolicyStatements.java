package dev.bucketwarden.console.buckets.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.bucketwarden.store.tags.TagKeys;
import dev.bucketwarden.store.tags.TagSchema;

/**
 * The deny statements of one bucket's policy, as IAM JSON. Each exempts exact role ARNs
 * ({@code ArnNotEquals aws:PrincipalArn}), never a pattern: a role someone creates later
 * with a matching name must not be able to forge a verdict. Conditions within one
 * statement are ANDed, so each condition that must stand alone has its own statement.
 * <p>
 * infra/aws writes the very same statements (Sids, actions in the same order, conditions,
 * the principal as CDK writes it: {@code {"AWS":"*"}}) for the buckets its stacks define
 * and prints them for the others: an operator who pasted those and later applies here
 * gets ours in their place, never twice. Both modules' tests hold the same
 * {@code bucket-policy-statements.json} and compare their own output with it.
 */
public final class PolicyStatements {

	/** Deny writing any of our tag keys: PutObjectTagging, and PutObject with tags. */
	public static final String RESULT_TAG_WRITES = "BucketWardenDenyResultTagWrites";

	/**
	 * Deny removing or replacing the tags of an object that has our {@code scan-result}
	 * (a replacement without our keys would remove them).
	 */
	public static final String RESULT_TAG_CHANGES = "BucketWardenDenyResultTagChanges";

	/** The same for an object that has the GuardDuty schema's tag. */
	public static final String GUARDDUTY_TAG_CHANGES = "BucketWardenDenyGuardDutyTagChanges";

	/**
	 * Deny a copy that sends no tag set of its own: IAM cannot see
	 * {@code x-amz-tagging-directive}, so a copy that keeps the source's tags (maybe a
	 * forged Clean from a bucket without this policy) looks like any other copy.
	 */
	public static final String COPIED_TAGS = "BucketWardenDenyCopiedTags";

	/** Deny reading objects that are not tagged Clean. */
	public static final String READ_GATE = "BucketWardenReadGate";

	/**
	 * The Sids infra/aws used before it took the ones above: the first exempted a role
	 * name pattern, the others said what ours say. Ours, so applying replaces them.
	 */
	static final Set<String> SUPERSEDED = Set.of("DenyResultTagsButBucketWardenAgents", "DenyResultTagsButAgents",
			"DenyChangingTagsOfScannedObjectsButAgents", "DenyChangingTagsOfGuardDutyScannedObjectsButAgents",
			"DenyCopiedTagsButAgents");

	/** Every Sid applying replaces; statements with any other Sid are kept untouched. */
	public static final Set<String> OURS = Stream
		.concat(Stream.of(RESULT_TAG_WRITES, RESULT_TAG_CHANGES, GUARDDUTY_TAG_CHANGES, COPIED_TAGS, READ_GATE),
				SUPERSEDED.stream())
		.collect(Collectors.toUnmodifiableSet());

	/** In the order agent-core writes them (TagKeys.OURS is a set). */
	static final List<String> RESULT_TAG_KEYS = TagKeys.IN_ORDER;

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final List<String> agentRoleArns;

	private final List<String> breakGlassRoleArns;

	private final String partition;

	/**
	 * @param agentRoleArns the exact ARNs of the roles that write result tags; at least
	 * one
	 * @param breakGlassRoleArns the exact ARNs of roles that may read through the read
	 * gate
	 */
	PolicyStatements(List<String> agentRoleArns, List<String> breakGlassRoleArns) {
		if (agentRoleArns.isEmpty()) {
			throw new IllegalArgumentException("No agent role ARNs");
		}
		this.agentRoleArns = List.copyOf(agentRoleArns);
		this.breakGlassRoleArns = List.copyOf(breakGlassRoleArns);
		// arn:PARTITION:iam::...: the buckets are in the agents' partition.
		this.partition = this.agentRoleArns.getFirst().split(":", 3)[1];
	}

	/** The result-tag protection: always applied together. */
	List<ObjectNode> resultTagProtection(String bucket) {
		ObjectNode writes = deny(RESULT_TAG_WRITES, bucket, "s3:PutObject", "s3:PutObjectTagging",
				"s3:PutObjectVersionTagging");
		ObjectNode condition = writes.putObject("Condition");
		ArrayNode anyOurKey = condition.putObject("ForAnyValue:StringEquals").putArray("s3:RequestObjectTagKeys");
		RESULT_TAG_KEYS.forEach(anyOurKey::add);
		exempt(condition, this.agentRoleArns);
		// Both keys in one Null block are ANDed: a copy, and no tag set in the request.
		ObjectNode copies = deny(COPIED_TAGS, bucket, "s3:PutObject");
		ObjectNode copy = copies.putObject("Condition");
		copy.putObject("Null").put("s3:x-amz-copy-source", "false").put("s3:RequestObjectTagKeys", "true");
		exempt(copy, this.agentRoleArns);
		return List.of(writes, tagChanges(RESULT_TAG_CHANGES, bucket, TagKeys.RESULT),
				tagChanges(GUARDDUTY_TAG_CHANGES, bucket, TagKeys.GUARDDUTY), copies);
	}

	/**
	 * The read gate: objects whose result tag is not the clean value, or absent
	 * ({@code StringNotEquals} matches a missing key too), are unreadable to everyone but
	 * the agents and the break-glass roles.
	 */
	ObjectNode readGate(String bucket, TagSchema schema) {
		ObjectNode gate = deny(READ_GATE, bucket, "s3:GetObject", "s3:GetObjectVersion");
		String tag = (schema == TagSchema.GUARDDUTY) ? TagKeys.GUARDDUTY : TagKeys.RESULT;
		String clean = (schema == TagSchema.GUARDDUTY) ? "NO_THREATS_FOUND" : "Clean";
		ObjectNode condition = gate.putObject("Condition");
		condition.putObject("StringNotEquals").put("s3:ExistingObjectTag/" + tag, clean);
		List<String> readers = new ArrayList<>(this.agentRoleArns);
		this.breakGlassRoleArns.stream().filter((arn) -> !readers.contains(arn)).forEach(readers::add);
		exempt(condition, readers);
		return gate;
	}

	private ObjectNode tagChanges(String sid, String bucket, String tag) {
		ObjectNode changes = deny(sid, bucket, "s3:PutObjectTagging", "s3:PutObjectVersionTagging",
				"s3:DeleteObjectTagging", "s3:DeleteObjectVersionTagging");
		ObjectNode condition = changes.putObject("Condition");
		condition.putObject("Null").put("s3:ExistingObjectTag/" + tag, "false");
		exempt(condition, this.agentRoleArns);
		return changes;
	}

	/**
	 * As CDK writes a statement: principal {@code {"AWS":"*"}}, a single action as text,
	 * more as a list.
	 */
	private ObjectNode deny(String sid, String bucket, String... actions) {
		ObjectNode statement = NODES.objectNode();
		statement.put("Sid", sid);
		statement.put("Effect", "Deny");
		statement.putObject("Principal").put("AWS", "*");
		if (actions.length == 1) {
			statement.put("Action", actions[0]);
		}
		else {
			ArrayNode list = statement.putArray("Action");
			for (String action : actions) {
				list.add(action);
			}
		}
		statement.put("Resource", "arn:" + this.partition + ":s3:::" + bucket + "/*");
		return statement;
	}

	private static void exempt(ObjectNode condition, List<String> arns) {
		ArrayNode principals = condition.putObject("ArnNotEquals").putArray("aws:PrincipalArn");
		arns.forEach(principals::add);
	}

}
