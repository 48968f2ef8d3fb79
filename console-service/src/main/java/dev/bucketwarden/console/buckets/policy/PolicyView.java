package dev.bucketwarden.console.buckets.policy;

import java.util.List;

import tools.jackson.databind.JsonNode;

import dev.bucketwarden.store.tags.TagSchema;

/**
 * What the Bucket page and {@code GET /api/v1/buckets/{name}/policy} show.
 *
 * @param bucket the bucket
 * @param available whether the statements can be built (the agents' role ARNs are
 * configured)
 * @param unavailable why not, else {@code null}
 * @param tagSchema the bucket's tag schema, which the read gate checks
 * @param statements the result-tag protection statements, exactly as applying writes them
 * @param readGateStatement the read gate statement, written only when asked for
 * @param readGateRefusal why the read gate cannot be applied to this bucket, else
 * {@code null}
 * @param resultTagProtection whether the bucket's policy has the protection statements
 * @param readGate whether the bucket's policy has the read gate statement
 * @param policyProblem why the bucket's current policy could not be read or merged into,
 * else {@code null}
 */
public record PolicyView(String bucket, boolean available, String unavailable, TagSchema tagSchema,
		List<JsonNode> statements, JsonNode readGateStatement, String readGateRefusal, Status resultTagProtection,
		Status readGate, String policyProblem) {

	/**
	 * Whether the bucket's policy has statements of ours, as this console would write
	 * them.
	 */
	public enum Status {

		/** Present, and saying the same. */
		APPLIED,
		/**
		 * Present under our Sid, but saying something else (changed by hand, other ARNs,
		 * another tag schema, or only some of them), or present under a Sid infra/aws
		 * used before: applying replaces them.
		 */
		DIFFERENT,
		/** Not in the policy. */
		MISSING,
		/** The policy could not be read. */
		UNKNOWN

	}

	static PolicyView unavailable(String bucket, String why) {
		return new PolicyView(bucket, false, why, null, List.of(), null, null, Status.UNKNOWN, Status.UNKNOWN, null);
	}

	/** The protection statements as the page shows them. */
	public String statementsJson() {
		return PolicyDocument.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this.statements);
	}

	public String readGateJson() {
		return (this.readGateStatement != null)
				? PolicyDocument.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this.readGateStatement) : "";
	}

}
