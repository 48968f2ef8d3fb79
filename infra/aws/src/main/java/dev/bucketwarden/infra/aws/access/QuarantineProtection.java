package dev.bucketwarden.infra.aws.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.s3.IBucket;

/**
 * The quarantine bucket holds the evidence of every infection: the statements of its
 * bucket policy keep its objects from being read by anyone but the agents (which HEAD the
 * copies they make) and the named security roles, and from being removed or opened up
 * (ACLs) by anyone but the security roles. Even an administrator with {@code s3:*} cannot
 * take malware out of it or make a verdict's evidence disappear: an explicit deny wins
 * over any allow. The exemptions are exact role ARNs (ArnNotEquals on
 * {@code aws:PrincipalArn}), never name patterns, as {@link AgentRoles} explains.
 */
public final class QuarantineProtection {

	/** The statement that keeps reads to the agents and the security roles. */
	public static final String READ_SID = "DenyReadingQuarantinedObjectsButAgentsAndSecurity";

	/** The statement that keeps removals and ACL changes to the security roles. */
	public static final String REMOVE_SID = "DenyRemovingQuarantinedObjectsButSecurity";

	static final List<String> READ = List.of("s3:GetObject", "s3:GetObjectVersion");

	/**
	 * Deleting a quarantined object or version, and ACLs that would let another account
	 * or the public read it.
	 */
	static final List<String> REMOVE = List.of("s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutObjectAcl",
			"s3:PutObjectVersionAcl");

	private QuarantineProtection() {
	}

	/**
	 * The statements for a bucket policy.
	 * @param objectsArn the ARN of the bucket's objects ({@code arn:...:bucket/*})
	 * @param agentRoleArns every agent role of the deployment
	 * @param securityRoleArns the roles that may read and remove quarantined objects;
	 * none to keep removals from everyone
	 */
	public static List<PolicyStatement> statements(String objectsArn, List<String> agentRoleArns,
			List<String> securityRoleArns) {
		List<String> readers = new ArrayList<>(agentRoleArns);
		readers.addAll(securityRoleArns);
		return List.of(deny(READ_SID, READ, objectsArn, readers),
				deny(REMOVE_SID, REMOVE, objectsArn, securityRoleArns));
	}

	/** Adds the statements to the policy of a bucket of the stack. */
	public static void applyTo(IBucket bucket, List<String> agentRoleArns, List<String> securityRoleArns) {
		statements(bucket.arnForObjects("*"), agentRoleArns, securityRoleArns).forEach(bucket::addToResourcePolicy);
	}

	/** The statements for a bucket the deployment names but does not own. */
	public static List<PolicyStatement> statements(String partition, String bucket, List<String> agentRoleArns,
			List<String> securityRoleArns) {
		return statements(S3Arns.objects(partition, bucket), agentRoleArns, securityRoleArns);
	}

	private static PolicyStatement deny(String sid, List<String> actions, String objectsArn, List<String> exempt) {
		PolicyStatement.Builder statement = PolicyStatement.Builder.create()
			.sid(sid)
			.effect(Effect.DENY)
			.principals(List.of(new AnyPrincipal()))
			.actions(actions)
			.resources(List.of(objectsArn));
		if (!exempt.isEmpty()) {
			// Several values of a negated operator: denied unless the caller is one of
			// them.
			statement.conditions(Map.of("ArnNotEquals", Map.of("aws:PrincipalArn", exempt)));
		}
		return statement.build();
	}

}
