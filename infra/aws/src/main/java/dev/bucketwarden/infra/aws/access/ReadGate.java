package dev.bucketwarden.infra.aws.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * "Unscanned = unreadable", opt-in per bucket: a bucket policy statement that denies
 * reading an object (GetObject, also HEAD, and GetObjectVersion) unless its verdict tag
 * says clean, to everyone but the agents (which must read to scan) and named break-glass
 * roles. An object without the tag is not readable either: StringNotEquals is true when
 * the key is missing. Reads therefore wait for the verdict, and anything that reads the
 * bucket without a role ARN (a service principal such as CloudFront's, an anonymous
 * request) is refused as well.
 */
public final class ReadGate {

	/** The console's Sid for the same statement (its PolicyStatements.READ_GATE). */
	public static final String SID = "BucketWardenReadGate";

	public static final List<String> ACTIONS = List.of("s3:GetObject", "s3:GetObjectVersion");

	private ReadGate() {
	}

	/**
	 * The statement for one bucket whose agents write the given schema.
	 * @param agentRoleArns the agents' exact role ARNs ({@link AgentRoles})
	 * @param breakGlassRoleArns further roles that may read anything (exact ARNs)
	 */
	public static PolicyStatement statement(String partition, String bucket, ResultTagSchema schema,
			List<String> agentRoleArns, List<String> breakGlassRoleArns) {
		List<String> exempt = new ArrayList<>(agentRoleArns);
		breakGlassRoleArns.stream().filter((arn) -> !exempt.contains(arn)).forEach(exempt::add);
		return ResultTagProtection.deny(SID, ACTIONS, S3Arns.objects(partition, bucket),
				Map.of("StringNotEquals",
						Map.of(ResultTagProtection.existingTag(schema.verdictKey()), schema.cleanValue()),
						"ArnNotEquals", ResultTagProtection.notAmong(exempt)));
	}

}
