package dev.bucketwarden.infra.aws.access;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.s3.IBucket;

/**
 * Against tag tampering: a bucket policy statement that denies writing our result tags
 * (in either tag schema) to every principal but the agents' roles. Without it anyone who
 * may tag an object could mark an infected object Clean. It matches on the tag keys of
 * the request, so users keep tagging their objects with their own keys.
 * <p>
 * The protected buckets belong to their owners, and CloudFormation can only replace a
 * bucket's whole policy, so the stacks do not attach it: a bucket defined in CDK calls
 * {@link #applyTo(IBucket, String)}, any other bucket's owner adds the statement the
 * console stack prints (output {@code ResultTagProtectionStatement}) to its policy.
 */
public final class ResultTagProtection {

	/** Every tag key the agents write (agent-core's ResultTags.OURS). */
	public static final List<String> RESULT_TAG_KEYS = List.of("scan-result", "scan-date", "scan-engines", "virus-name",
			"GuardDutyMalwareScanStatus");

	/** The agents' roles, in every region, are named with this prefix. */
	public static final String AGENT_ROLE_PREFIX = "bucketwarden-agent-";

	private ResultTagProtection() {
	}

	/** The pattern of the agents' role ARNs in the account. */
	public static String agentRolePattern(String account) {
		return "arn:" + Aws.PARTITION + ":iam::" + account + ":role/" + AGENT_ROLE_PREFIX + "*";
	}

	/** The deny statement for one bucket. */
	public static PolicyStatement statement(String bucket, String account) {
		return PolicyStatement.Builder.create()
			.sid("DenyResultTagsButBucketWardenAgents")
			.effect(Effect.DENY)
			.principals(List.of(new AnyPrincipal()))
			.actions(List.of("s3:PutObjectTagging", "s3:PutObjectVersionTagging", "s3:PutObject"))
			.resources(List.of(S3Arns.objects(Aws.PARTITION, bucket)))
			.conditions(Map.of("ForAnyValue:StringEquals", Map.of("s3:RequestObjectTagKeys", RESULT_TAG_KEYS),
					"ArnNotLike", Map.of("aws:PrincipalArn", agentRolePattern(account))))
			.build();
	}

	/** Adds the statement to the policy of a bucket defined in CDK. */
	public static void applyTo(IBucket bucket, String account) {
		bucket.addToResourcePolicy(statement(bucket.getBucketName(), account));
	}

}
