package dev.bucketwarden.infra.aws.access;

import java.util.List;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * What an agent may do with objects, and nothing more: read objects and their tags in the
 * protected buckets, write their tags, copy them into the quarantine bucket and then
 * delete them, but only in the protected buckets. No wildcard actions, no {@code s3:*},
 * no bucket-level rights but listing (for the retro agent's crawl). The protected buckets
 * may be name patterns: see {@link BucketGrants}.
 */
public final class ObjectAccess {

	/** Reading an object's content (HEAD too), its versions and tags. */
	static final List<String> READ = List.of("s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectTagging",
			"s3:GetObjectVersionTagging");

	/** Writing our result tags (merged with the user's). */
	static final List<String> TAG = List.of("s3:PutObjectTagging", "s3:PutObjectVersionTagging");

	/** Removing an infected object after it was copied into quarantine. */
	static final List<String> DELETE = List.of("s3:DeleteObject", "s3:DeleteObjectVersion");

	/** Copying into quarantine (single or multipart copy, with tags). */
	static final List<String> QUARANTINE = List.of("s3:PutObject", "s3:PutObjectTagging", "s3:AbortMultipartUpload");

	/** Listing a bucket's objects and versions, for crawls of existing objects. */
	static final List<String> LIST = List.of("s3:ListBucket", "s3:ListBucketVersions");

	private ObjectAccess() {
	}

	/**
	 * The event and retro agents: scan, tag, quarantine and remove in the protected
	 * buckets.
	 */
	public static void grantScanAndRemediate(IGrantable agent, List<String> protectedBuckets, String quarantineBucket) {
		add(agent, BucketGrants.onObjects("ReadProtectedObjects", READ, protectedBuckets));
		add(agent, BucketGrants.onObjects("TagProtectedObjects", TAG, protectedBuckets));
		add(agent, BucketGrants.onObjects("RemoveInfectedProtectedObjects", DELETE, protectedBuckets));
		agent.getGrantPrincipal()
			.addToPrincipalPolicy(
					allow("CopyIntoQuarantine", QUARANTINE, List.of(S3Arns.objects(Aws.PARTITION, quarantineBucket))));
	}

	/** The retro agent also lists the protected buckets to find existing objects. */
	public static void grantList(IGrantable agent, List<String> protectedBuckets) {
		add(agent, BucketGrants.onBuckets("ListProtectedBuckets", LIST, protectedBuckets));
	}

	/**
	 * The API agent: scans objects of the protected buckets on demand (read only) and
	 * stores clean uploads into the upload buckets.
	 */
	public static void grantApi(IGrantable agent, List<String> protectedBuckets, List<String> uploadBuckets) {
		String partition = Aws.PARTITION;
		add(agent, BucketGrants.onObjects("ReadProtectedObjects", READ, protectedBuckets));
		if (!uploadBuckets.isEmpty()) {
			agent.getGrantPrincipal()
				.addToPrincipalPolicy(allow("StoreCleanUploads", List.of("s3:PutObject", "s3:PutObjectTagging"),
						uploadBuckets.stream().map((bucket) -> S3Arns.objects(partition, bucket)).toList()));
		}
	}

	private static void add(IGrantable agent, List<PolicyStatement> statements) {
		statements.forEach(agent.getGrantPrincipal()::addToPrincipalPolicy);
	}

	static PolicyStatement allow(String sid, List<String> actions, List<String> resources) {
		return PolicyStatement.Builder.create()
			.sid(sid)
			.effect(Effect.ALLOW)
			.actions(actions)
			.resources(resources)
			.build();
	}

}
