package dev.bucketwarden.infra.aws.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * S3 rights on the deployment's {@code protectedBuckets} entries, which are bucket names
 * or name patterns with {@code *} ({@code "acme-*"}, {@code "*"}). Exact names give the
 * statement they always gave. Patterns go into ARNs as they are (IAM matches {@code *})
 * in a statement of their own, limited by {@code s3:ResourceAccount} to buckets of this
 * account: a pattern must never reach another account's buckets (which their owners may
 * have opened to us by policy). Exact names stay without that condition, so naming
 * another account's bucket keeps working as before.
 */
public final class BucketGrants {

	/** The condition key S3 evaluates for every action: the bucket owner's account. */
	public static final String RESOURCE_ACCOUNT = "s3:ResourceAccount";

	/** Suffix of the statement id of an entry list's patterns. */
	public static final String PATTERN_SID_SUFFIX = "ByPattern";

	private BucketGrants() {
	}

	public static boolean isPattern(String entry) {
		return entry.contains("*");
	}

	/** Bucket-level rights (listing, notification configuration) on the entries. */
	public static List<PolicyStatement> onBuckets(String sid, List<String> actions, List<String> entries) {
		return allow(sid, actions, entries, (entry) -> S3Arns.bucket(Aws.PARTITION, entry));
	}

	/** Object-level rights on every object of the entries' buckets. */
	public static List<PolicyStatement> onObjects(String sid, List<String> actions, List<String> entries) {
		return allow(sid, actions, entries, (entry) -> S3Arns.objects(Aws.PARTITION, entry));
	}

	/**
	 * Object-level rights on the entries' buckets, patterns only within {@code owner}'s
	 * buckets (another account's, for a linked account's role).
	 */
	public static List<PolicyStatement> onObjects(String sid, List<String> actions, List<String> entries,
			String owner) {
		return allow(sid, actions, entries, (entry) -> S3Arns.objects(Aws.PARTITION, entry), owner);
	}

	private static List<PolicyStatement> allow(String sid, List<String> actions, List<String> entries,
			Function<String, String> arn) {
		return allow(sid, actions, entries, arn, Aws.ACCOUNT_ID);
	}

	private static List<PolicyStatement> allow(String sid, List<String> actions, List<String> entries,
			Function<String, String> arn, String owner) {
		List<String> exact = entries.stream().filter((entry) -> !isPattern(entry)).map(arn).toList();
		List<String> patterns = entries.stream().filter(BucketGrants::isPattern).map(arn).toList();
		List<PolicyStatement> statements = new ArrayList<>();
		if (!exact.isEmpty()) {
			statements.add(PolicyStatement.Builder.create()
				.sid(sid)
				.effect(Effect.ALLOW)
				.actions(actions)
				.resources(exact)
				.build());
		}
		if (!patterns.isEmpty()) {
			statements.add(PolicyStatement.Builder.create()
				.sid(sid + PATTERN_SID_SUFFIX)
				.effect(Effect.ALLOW)
				.actions(actions)
				.resources(patterns)
				.conditions(Map.of("StringEquals", Map.of(RESOURCE_ACCOUNT, owner)))
				.build());
		}
		return statements;
	}

}
